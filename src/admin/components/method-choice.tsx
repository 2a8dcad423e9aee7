import { Field, makeStyles, Radio, RadioGroup, Text, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  option: { display: 'flex', flexDirection: 'column' },
  explanation: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export interface Choice<T extends string> {
  value: T;
  label: string;
  explanation: string;
}

/** A labelled radio group whose options each carry their one-line explanation; the error sits beside it. */
export function ExplainedChoice<T extends string>(props: {
  label: string;
  name: string;
  value: T | undefined;
  choices: ReadonlyArray<Choice<T>>;
  onChange(value: T): void;
  error?: string;
  hint?: string;
}) {
  const styles = useStyles();
  return (
    <Field label={props.label} validationMessage={props.error} hint={props.hint}>
      <RadioGroup name={props.name} value={props.value ?? ''} onChange={(_e, data) => props.onChange(data.value as T)}>
        {props.choices.map((choice) => (
          <Radio
            key={choice.value}
            value={choice.value}
            label={
              <span className={styles.option}>
                <Text weight="semibold">{choice.label}</Text>
                <span className={styles.explanation}>{choice.explanation}</span>
              </span>
            }
          />
        ))}
      </RadioGroup>
    </Field>
  );
}
