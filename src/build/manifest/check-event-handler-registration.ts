import type { Element } from '@xmldom/xmldom';
import { launchEvents } from './check-launch-events';
import type { ManifestProblem } from './manifest-problem';
import { attributeOf, problemAt } from './xml-elements';

/** An event bundle (built JavaScript or its TypeScript sources) given as text. */
export interface EventBundle {
  path: string;
  text: string;
}

const ASSOCIATE_CALL = /\bOffice\s*\.\s*actions\s*\.\s*associate\s*\(\s*(["'`])([^"'`\\]+)\1/g;

/** The handler names a bundle registers with `Office.actions.associate("<name>", …)`. */
export function registeredEventHandlers(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(ASSOCIATE_CALL)) {
    const name = match[2];
    if (name !== undefined) names.add(name);
  }
  return names;
}

/** Every LaunchEvent FunctionName must be registered by the event bundle, or Outlook never calls it. */
export function checkEventHandlerRegistration(root: Element, bundles: readonly EventBundle[]): ManifestProblem[] {
  const events = launchEvents(root).filter((launchEvent) => attributeOf(launchEvent, 'FunctionName'));
  if (events.length === 0) return [];
  if (bundles.length === 0) {
    return [
      {
        rule: 'event-handler-registration',
        message:
          'no event bundle to check LaunchEvent handlers against: pass --bundle <file>, build dist/launchevent.js, or add the sources under src/addin/launchevent/',
      },
    ];
  }
  const registered = new Set(bundles.flatMap((bundle) => [...registeredEventHandlers(bundle.text)]));
  const searched = bundles.map((bundle) => bundle.path).join(', ');
  const problems: ManifestProblem[] = [];
  for (const launchEvent of events) {
    const functionName = attributeOf(launchEvent, 'FunctionName') ?? '';
    if (!registered.has(functionName)) {
      problems.push(
        problemAt(
          'event-handler-registration',
          launchEvent,
          `LaunchEvent Type="${attributeOf(launchEvent, 'Type') ?? ''}" FunctionName="${functionName}" is not registered with Office.actions.associate("${functionName}", …) in ${searched}`,
        ),
      );
    }
  }
  return problems;
}
