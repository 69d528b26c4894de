/**
 * README.txt of an evidence package, in Russian and English: how a court
 * clerk or a lawyer checks the package with standard tools and no Homeward.
 */
export function packageReadme(about: { caseNumber: string } | { incidentId: string }, fingerprint: string): string {
  const owner = 'caseNumber' in about ? `Дело / Case: ${about.caseNumber}` : `Инцидент / Incident: ${about.incidentId}`;
  return `ПАКЕТ ДОКАЗАТЕЛЬСТВ · EVIDENCE PACKAGE
${owner}

=== Русский ===

Пакет содержит оригиналы файлов в том виде, в каком они были получены
(папка originals/), и сведения о них:

  manifest.json      перечень файлов: SHA-256, размер, вид документа, кто и
                     когда загрузил, вся история обращения с каждым файлом
                     (просмотры, скачивания, выгрузки);
  SHA256SUMS         контрольные суммы SHA-256 оригиналов и manifest.json;
  manifest.sig       подпись manifest.json (Ed25519) ключом установки;
  public-key.pem     открытый ключ для проверки подписи.

Рабочие копии (фотографии без метаданных) в пакет не входят: здесь только
оригиналы.

Проверка (Linux, macOS или Windows с OpenSSL 3; программа Homeward не нужна).
Распакуйте архив, перейдите в папку с этим файлом и выполните:

  1. sha256sum -c SHA256SUMS
     Каждая строка должна заканчиваться словом OK (на macOS:
     shasum -a 256 -c SHA256SUMS). Любое изменение хотя бы одного байта
     оригинала или перечня даст FAILED.

  2. openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig
     Должно быть выведено: Signature Verified Successfully.

  3. Сверьте отпечаток открытого ключа с тем, который организация сообщила
     вам отдельно (по телефону, письмом):
     openssl pkey -pubin -in public-key.pem -outform DER | sha256sum
     Отпечаток ключа этой установки: ${fingerprint}

Если шаг 1 или 2 не проходит, пакет был изменён после выгрузки.

=== English ===

This package holds the original files exactly as they were received
(folder originals/), and what is known about them:

  manifest.json      the list of files: SHA-256, size, kind of document, who
                     uploaded it and when, and every handling of each file
                     (views, downloads, exports);
  SHA256SUMS         SHA-256 checksums of the originals and of manifest.json;
  manifest.sig       the signature of manifest.json (Ed25519) made with the
                     installation's key;
  public-key.pem     the public key that checks the signature.

Working copies (photos with their metadata removed) are not in the package:
it holds originals only.

To check it (Linux, macOS, or Windows with OpenSSL 3; no Homeward needed),
unpack the archive, go to the folder holding this file, and run:

  1. sha256sum -c SHA256SUMS
     Every line must end in OK (on macOS: shasum -a 256 -c SHA256SUMS). A
     change of even one byte of an original or of the list shows FAILED.

  2. openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig
     It must print: Signature Verified Successfully.

  3. Compare the public key's fingerprint with the one the organization gave
     you separately (by telephone, by letter):
     openssl pkey -pubin -in public-key.pem -outform DER | sha256sum
     This installation's key fingerprint: ${fingerprint}

If step 1 or 2 fails, the package was changed after it was exported.
`;
}
