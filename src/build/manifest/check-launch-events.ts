import type { Element } from '@xmldom/xmldom';
import { launchEventCatalog, launchEventDefinition, requiredSendMode, sendEventTypes, sendModes } from './launch-event-catalog';
import type { ManifestProblem } from './manifest-problem';
import { attributeOf, childElement, childElements, closestElement, descendantElements, problemAt, xsiTypeOf } from './xml-elements';

const JAVASCRIPT_IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The `<ExtensionPoint xsi:type="LaunchEvent">` elements of a manifest. */
export function launchEventExtensionPoints(root: Element): Element[] {
  return descendantElements(root, 'ExtensionPoint').filter((extensionPoint) => xsiTypeOf(extensionPoint) === 'LaunchEvent');
}

/** Every `<LaunchEvent>` inside LaunchEvent extension points. */
export function launchEvents(root: Element): Element[] {
  return launchEventExtensionPoints(root).flatMap((extensionPoint) => descendantElements(extensionPoint, 'LaunchEvent'));
}

/** Known event types, one handler name each, SendMode rules, and an event runtime with a JavaScript override. */
export function checkLaunchEvents(root: Element): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const extensionPoint of launchEventExtensionPoints(root)) {
    const seenTypes = new Set<string>();
    for (const launchEvent of descendantElements(extensionPoint, 'LaunchEvent')) {
      problems.push(...checkOneLaunchEvent(launchEvent, seenTypes));
    }
    problems.push(...checkEventRuntime(extensionPoint));
  }
  return problems;
}

function checkOneLaunchEvent(launchEvent: Element, seenTypes: Set<string>): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const type = attributeOf(launchEvent, 'Type');
  const functionName = attributeOf(launchEvent, 'FunctionName');
  const sendMode = attributeOf(launchEvent, 'SendMode');
  const subject = `<LaunchEvent Type="${type ?? ''}">`;

  if (type === undefined || type === '') {
    problems.push(problemAt('launch-event', launchEvent, '<LaunchEvent> has no Type attribute'));
  } else if (!launchEventDefinition(type)) {
    const known = launchEventCatalog.map((definition) => definition.type).join(', ');
    problems.push(problemAt('launch-event', launchEvent, `unknown LaunchEvent Type "${type}"; Outlook knows: ${known}`));
  } else if (seenTypes.has(type)) {
    problems.push(problemAt('launch-event', launchEvent, `LaunchEvent Type "${type}" is declared twice in one extension point`));
  }
  if (type !== undefined) seenTypes.add(type);

  if (functionName === undefined || !JAVASCRIPT_IDENTIFIER.test(functionName)) {
    problems.push(problemAt('launch-event', launchEvent, `${subject} needs a FunctionName that is a JavaScript identifier (found "${functionName ?? ''}")`));
  }

  const isSendEvent = type !== undefined && sendEventTypes.includes(type);
  if (sendMode !== undefined && !isSendEvent) {
    problems.push(problemAt('send-mode', launchEvent, `${subject} has SendMode="${sendMode}", but SendMode is only valid on ${sendEventTypes.join(' and ')}`));
  } else if (sendMode !== undefined && !sendModes.includes(sendMode)) {
    problems.push(problemAt('send-mode', launchEvent, `${subject} has SendMode="${sendMode}"; it must be one of ${sendModes.join(', ')}`));
  }
  if (type === 'OnMessageSend' && sendMode !== requiredSendMode) {
    const found = sendMode === undefined ? 'no SendMode' : `SendMode="${sendMode}"`;
    problems.push(
      problemAt(
        'send-mode',
        launchEvent,
        `OnMessageSend must set SendMode="${requiredSendMode}" (found ${found}): a backend outage must never stop mail; the track is queued instead`,
      ),
    );
  }
  return problems;
}

/** The extension point's SourceLocation must name the Host's one Runtime, which needs the JavaScript-only override for classic Outlook on Windows. */
function checkEventRuntime(extensionPoint: Element): ManifestProblem[] {
  const sourceLocation = childElement(extensionPoint, 'SourceLocation');
  const sourceResid = sourceLocation ? attributeOf(sourceLocation, 'resid') : undefined;
  const host = closestElement(extensionPoint, 'Host');
  const runtimes = host ? childElement(host, 'Runtimes') : undefined;
  if (!runtimes) {
    return [problemAt('launch-event', extensionPoint, 'the LaunchEvent extension point needs a <Runtimes> element in its <Host> declaring the event runtime')];
  }
  const runtime = childElements(runtimes).find((candidate) => attributeOf(candidate, 'resid') === sourceResid);
  if (!runtime) {
    return [
      problemAt(
        'launch-event',
        extensionPoint,
        `the LaunchEvent <SourceLocation resid="${sourceResid ?? ''}"> must name the same resource as a <Runtime resid> in <Runtimes>`,
      ),
    ];
  }
  const override = childElement(runtime, 'Override');
  if (!override || attributeOf(override, 'type') !== 'javascript') {
    return [
      problemAt('launch-event', runtime, `<Runtime resid="${sourceResid ?? ''}"> needs <Override type="javascript" resid="…"/>: classic Outlook on Windows runs event handlers from a JavaScript file`),
    ];
  }
  return [];
}
