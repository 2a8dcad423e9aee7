import type { Element } from '@xmldom/xmldom';
import { launchEvents } from './check-launch-events';
import { launchEventDefinition } from './launch-event-catalog';
import type { ManifestProblem } from './manifest-problem';
import { compareRequirementVersions, isRequirementVersion } from './requirement-set-version';
import { attributeOf, childElement, childElements, descendantElements, problemAt, textOf, xsiTypeOf } from './xml-elements';

/** When no version is written, a requirement set means its first version. */
const DEFAULT_MAILBOX_VERSION = '1.1';

interface Need {
  version: string;
  reason: string;
}

/**
 * The Mailbox version the VersionOverrides 1.1 requires covers what it uses: multi-select and
 * no-item-context need 1.13, pinning 1.5, each launch event the set Microsoft lists for it.
 * Otherwise clients that cannot honour the markup would still load it.
 */
export function checkRequirementSets(root: Element): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const versionOverrides of descendantElements(root, 'VersionOverrides').filter((element) => xsiTypeOf(element) === 'VersionOverridesV1_1')) {
    const declared = declaredMailboxVersion(versionOverrides);
    if (declared && !isRequirementVersion(declared.version)) {
      problems.push(problemAt('requirement-set', declared.element, `the Mailbox requirement set version "${declared.version}" is not a version number like 1.13`));
      continue;
    }
    const version = declared?.version ?? DEFAULT_MAILBOX_VERSION;
    const asked = declared ? `ask for Mailbox ${version}` : `name no Mailbox version (so ${version})`;
    for (const need of needsOf(versionOverrides)) {
      if (compareRequirementVersions(version, need.version) < 0) {
        problems.push(
          problemAt(
            'requirement-set',
            declared?.element ?? versionOverrides,
            `the VersionOverridesV1_1 <Requirements> ${asked}, but ${need.reason} needs Mailbox ${need.version} or later`,
          ),
        );
      }
    }
  }
  return problems;
}

/** The Mailbox version a VersionOverrides asks for: Set MinVersion, else Sets DefaultMinVersion. */
function declaredMailboxVersion(versionOverrides: Element): { version: string; element: Element } | undefined {
  const requirements = childElement(versionOverrides, 'Requirements');
  const sets = requirements ? childElement(requirements, 'Sets') : undefined;
  if (!sets) return undefined;
  const mailbox = childElements(sets).find((set) => attributeOf(set, 'Name') === 'Mailbox');
  if (!mailbox) return undefined;
  const version = attributeOf(mailbox, 'MinVersion') ?? attributeOf(sets, 'DefaultMinVersion');
  return version === undefined ? undefined : { version, element: mailbox };
}

function needsOf(versionOverrides: Element): Need[] {
  const needs: Need[] = [];
  const enabled = (name: string): boolean => descendantElements(versionOverrides, name).some((element) => textOf(element) === 'true');
  if (enabled('SupportsMultiSelect')) needs.push({ version: '1.13', reason: '<SupportsMultiSelect>' });
  if (enabled('SupportsNoItemContext')) needs.push({ version: '1.13', reason: '<SupportsNoItemContext>' });
  if (enabled('SupportsPinning')) needs.push({ version: '1.5', reason: '<SupportsPinning>' });
  for (const launchEvent of launchEvents(versionOverrides)) {
    const type = attributeOf(launchEvent, 'Type') ?? '';
    const minimum = launchEventDefinition(type)?.minimumMailbox;
    if (minimum !== undefined && minimum !== 'preview') needs.push({ version: minimum, reason: `the ${type} launch event` });
  }
  return needs;
}
