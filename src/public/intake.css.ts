/** The public pages' stylesheet, served from this server (GET /public/intake.css): no inline styles. */
export const INTAKE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f5f7}
.page{max-width:42rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.6rem;margin:0 0 .5rem}
.lang{float:right;font-size:.9rem}
.lead{color:#444}
.field{margin:1rem 0}
.field label,.legend{display:block;font-weight:600;margin-bottom:.25rem}
.hint{display:block;color:#555;font-size:.9rem;margin-bottom:.25rem}
input[type=text],input[type=number],select,textarea{width:100%;padding:.5rem;border:1px solid #888;border-radius:4px;font:inherit;background:#fff}
textarea{min-height:12rem}
.check{display:flex;gap:.5rem;align-items:flex-start;margin:.5rem 0}
.check input{margin-top:.3rem}
.error{color:#a40000;font-weight:600}
.field.invalid input,.field.invalid select,.field.invalid textarea{border-color:#a40000;border-width:2px}
.alert{border:2px solid #a40000;background:#fff0f0;padding:.75rem 1rem;border-radius:4px}
.notice{border:2px solid #1d6b2f;background:#effaf1;padding:.75rem 1rem;border-radius:4px}
button{font:inherit;font-weight:600;padding:.6rem 1.4rem;border:0;border-radius:4px;background:#1f4e8c;color:#fff;cursor:pointer}
.receipt{font:700 1.8rem/1.4 ui-monospace,"DejaVu Sans Mono",monospace;letter-spacing:.08em;background:#fff;border:2px dashed #1f4e8c;padding:1rem;text-align:center;word-break:break-all}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
`;
