import { useTranslation } from 'react-i18next';
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { KindChoice, RowButton, TermPick, type Bind } from './FormBits.js';
import { emptyPerpetrator, type IncidentFormValues } from './incident-form.js';
import { PersonPicker } from './PersonPicker.js';

/** Who did it: each a military unit (a `unit` term) or a person of the registry, with how they took part. */
export function PerpetratorsFields<O>({
  form,
  bind,
}: {
  form: UseFormReturn<IncidentFormValues, unknown, O>;
  bind: Bind;
}) {
  const { t } = useTranslation();
  const list = useFieldArray({ control: form.control, name: 'perpetrators' });
  return (
    <fieldset className="stack" data-testid="incident-perpetrators">
      <legend>{t('incidents.perpetrators')}</legend>
      {list.fields.map((item, index) => {
        const at = `perpetrators.${index}` as const;
        const testId = `perpetrator-${index}`;
        // The schema puts "a person or a unit" on `unit`, whichever of them is missing.
        const missing = form.getFieldState(`${at}.unit`, form.formState).error;
        return (
          <div key={item.id} className="card stack" data-testid="perpetrator">
            <KindChoice
              registration={form.register(`${at}.kind`)}
              choices={[
                { value: 'unit', label: t('incidents.perpetratorUnit'), testId: `${testId}-unit-kind` },
                { value: 'person', label: t('incidents.perpetratorPerson'), testId: `${testId}-person-kind` },
              ]}
            />
            {form.watch(`${at}.kind`) === 'person' ? (
              <PersonPicker
                label={t('incidents.perpetratorWho')}
                testId={`${testId}-picker`}
                value={form.watch(`${at}.personId`)}
                onChange={(id) => form.setValue(`${at}.personId`, id, { shouldValidate: form.formState.isSubmitted })}
                error={missing === undefined ? undefined : t('incidents.personNeeded')}
              />
            ) : (
              <TermPick
                label={t('incidents.unit')}
                vocabulary="unit"
                empty="none"
                testId={`${testId}-unit`}
                {...bind(`${at}.unit`)}
              />
            )}
            <TermPick
              label={t('incidents.involvement')}
              vocabulary="involvement"
              empty="none"
              testId={`${testId}-involvement`}
              {...bind(`${at}.involvement`)}
            />
            <RowButton label={t('incidents.removePerpetrator')} onClick={() => list.remove(index)} />
          </div>
        );
      })}
      <RowButton
        label={t('incidents.addPerpetrator')}
        onClick={() => list.append(emptyPerpetrator())}
        testId="perpetrator-add"
      />
    </fieldset>
  );
}
