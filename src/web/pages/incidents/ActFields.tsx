import { useTranslation } from 'react-i18next';
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { CRIMINAL_CHARGE } from '../../../shared/incidents.schema.js';
import { TextField } from '../../components/forms.js';
import { DatedFields, KindChoice, RowButton, TermPick, type Bind } from './FormBits.js';
import { emptyAct, emptyVictim, type IncidentFormValues } from './incident-form.js';
import { PersonPicker } from './PersonPicker.js';

type Form<O> = UseFormReturn<IncidentFormValues, unknown, O>;

/** The acts, one fieldset each, added and removed as the documentalist goes. */
export function ActsFields<O>({ form, bind }: { form: Form<O>; bind: Bind }) {
  const { t } = useTranslation();
  const acts = useFieldArray({ control: form.control, name: 'acts' });
  return (
    <fieldset className="stack" data-testid="incident-acts">
      <legend>{t('incidents.acts')}</legend>
      {acts.fields.map((act, index) => (
        <ActFields key={act.id} form={form} bind={bind} index={index} onRemove={() => acts.remove(index)} />
      ))}
      <RowButton label={t('incidents.addAct')} onClick={() => acts.append(emptyAct())} testId="act-add" />
    </fieldset>
  );
}

function ActFields<O>({
  form,
  bind,
  index,
  onRemove,
}: {
  form: Form<O>;
  bind: Bind;
  index: number;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const at = `acts.${index}` as const;
  const charge = form.watch(`${at}.actType`) === CRIMINAL_CHARGE;
  return (
    <fieldset className="card stack" data-testid="act">
      <legend>{t('incidents.actNumber', { n: index + 1 })}</legend>
      <TermPick
        label={t('incidents.actType')}
        vocabulary="act_type"
        empty="none"
        testId={`act-${index}-type`}
        {...bind(`${at}.actType`)}
      />
      {charge && (
        <div className="row wrap">
          <TextField
            label={t('incidents.articleField')}
            inputMode="decimal"
            {...bind(`${at}.criminalArticle`)}
            testId={`act-${index}-article`}
          />
          <TextField
            label={t('incidents.partField')}
            inputMode="decimal"
            {...bind(`${at}.criminalPart`)}
            testId={`act-${index}-part`}
          />
        </div>
      )}
      <div className="row wrap">
        <DatedFields
          form={form}
          bind={bind}
          at={`${at}.start`}
          legend={t('incidents.start')}
          testId={`act-${index}-start`}
        />
        <DatedFields form={form} bind={bind} at={`${at}.end`} legend={t('incidents.end')} testId={`act-${index}-end`} />
      </div>
      <TermPick
        label={t('incidents.place')}
        vocabulary="place"
        empty="none"
        parentsSelectable
        testId={`act-${index}-place`}
        {...bind(`${at}.place`)}
      />
      <VictimsFields form={form} bind={bind} act={index} />
      <RowButton label={t('incidents.removeAct')} onClick={onRemove} testId={`act-${index}-remove`} />
    </fieldset>
  );
}

/** An act's victims: each a person of the registry or a counted group with its categories. */
function VictimsFields<O>({ form, bind, act }: { form: Form<O>; bind: Bind; act: number }) {
  const { t } = useTranslation();
  const victims = useFieldArray({ control: form.control, name: `acts.${act}.victims` });
  return (
    <fieldset className="stack" data-testid={`act-${act}-victims`}>
      <legend>{t('incidents.victims')}</legend>
      {victims.fields.map((victim, index) => {
        const at = `acts.${act}.victims.${index}` as const;
        const kind = form.watch(`${at}.kind`);
        const personId = form.watch(`${at}.personId`);
        const testId = `act-${act}-victim-${index}`;
        const personError = form.getFieldState(`${at}.count`, form.formState).error;
        return (
          <div key={victim.id} className="stack victim" data-testid="victim">
            <KindChoice
              registration={form.register(`${at}.kind`)}
              choices={[
                { value: 'group', label: t('incidents.victimGroup'), testId: `${testId}-group` },
                { value: 'person', label: t('incidents.victimPerson'), testId: `${testId}-person` },
              ]}
            />
            {kind === 'person' ? (
              <PersonPicker
                label={t('incidents.victimWho')}
                testId={`${testId}-picker`}
                value={personId}
                onChange={(id) => form.setValue(`${at}.personId`, id, { shouldValidate: form.formState.isSubmitted })}
                error={personError === undefined ? undefined : t('incidents.personNeeded')}
              />
            ) : (
              <div className="row wrap">
                <TextField
                  label={t('incidents.groupCount')}
                  type="number"
                  min={1}
                  {...bind(`${at}.count`, { valueAsNumber: true })}
                  testId={`${testId}-count`}
                />
                <TermPick
                  label={t('incidents.groupCategory')}
                  vocabulary="service_category"
                  empty="none"
                  testId={`${testId}-category`}
                  {...bind(`${at}.serviceCategory`)}
                />
                <TermPick
                  label={t('incidents.groupForce')}
                  vocabulary="force"
                  empty="none"
                  testId={`${testId}-force`}
                  {...bind(`${at}.force`)}
                />
                <TermPick
                  label={t('incidents.groupRegion')}
                  vocabulary="region"
                  empty="none"
                  testId={`${testId}-region`}
                  {...bind(`${at}.region`)}
                />
              </div>
            )}
            <RowButton
              label={t('incidents.removeVictim')}
              onClick={() => victims.remove(index)}
              testId={`${testId}-remove`}
            />
          </div>
        );
      })}
      <RowButton
        label={t('incidents.addVictim')}
        onClick={() => victims.append(emptyVictim())}
        testId={`act-${act}-victim-add`}
      />
    </fieldset>
  );
}
