import { DOMParser, type Element } from '@xmldom/xmldom';

/** What the sandbox host needs from the built manifest: where the pane and the event runtime are, and which function handles which event. */
export interface AddinEntryPoints {
  taskpaneUrl: string;
  eventPageUrl: string;
  launchEvents: Array<{ type: string; functionName: string; sendMode?: string }>;
}

function elements(parent: { getElementsByTagName(name: string): ArrayLike<Element> }, name: string): Element[] {
  return Array.from(parent.getElementsByTagName(name));
}

/** A manifest URL as a path on the sandbox's own origin (the add-in is served there, whatever origin it was built for). */
function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * Reads the entry points from the add-in's manifest.xml, as Outlook does: the LaunchEvent
 * extension point (event type → FunctionName, SendMode) and the URLs its resids name. The
 * sandbox follows the manifest rather than its own copy of these names.
 */
export function readAddinEntryPoints(manifestXml: string): AddinEntryPoints {
  const document = new DOMParser().parseFromString(manifestXml, 'text/xml');
  const urls = new Map<string, string>();
  // The VersionOverrides of the newest schema come last; their resources win.
  for (const url of elements(document, 'bt:Url')) urls.set(url.getAttribute('id') ?? '', url.getAttribute('DefaultValue') ?? '');

  const launchPoint = elements(document, 'ExtensionPoint').filter((point) => point.getAttribute('xsi:type') === 'LaunchEvent').pop();
  if (!launchPoint) throw new Error('manifest.xml has no LaunchEvent extension point');
  const launchEvents = elements(launchPoint, 'LaunchEvent').map((event) => ({
    type: event.getAttribute('Type') ?? '',
    functionName: event.getAttribute('FunctionName') ?? '',
    ...(event.getAttribute('SendMode') && { sendMode: event.getAttribute('SendMode')! }),
  }));
  const eventResid = elements(launchPoint, 'SourceLocation')[0]?.getAttribute('resid') ?? '';
  const eventUrl = urls.get(eventResid);
  if (!eventUrl) throw new Error(`manifest.xml: the LaunchEvent SourceLocation resid "${eventResid}" names no URL`);

  const taskpaneResid = elements(document, 'SourceLocation')
    .map((location) => location.getAttribute('resid'))
    .find((resid) => resid && /taskpane/i.test(resid));
  const taskpaneUrl = (taskpaneResid && urls.get(taskpaneResid)) || urls.get('Taskpane.Url');
  if (!taskpaneUrl) throw new Error('manifest.xml names no task pane URL');
  return { taskpaneUrl: pathOf(taskpaneUrl), eventPageUrl: pathOf(eventUrl), launchEvents };
}
