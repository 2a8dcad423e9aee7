import type { Element } from '@xmldom/xmldom';
import type { ManifestProblem } from './manifest-problem';
import { isGuid } from '../../common/guid';
import { childElement, problemAt, textOf } from './xml-elements';

/** Outlook's Version: exactly four dot-separated numbers (each up to 5 digits in Microsoft's schema). */
const FOUR_PART_VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/;
/** The permission levels a mail add-in may request, lowest to highest. */
const mailPermissions: readonly string[] = ['Restricted', 'ReadItem', 'ReadWriteItem', 'ReadWriteMailbox'];

/** `<Id>` is a GUID, `<Version>` has four numeric parts, `<Permissions>` is a mail permission level. */
export function checkIdentityFields(root: Element): ManifestProblem[] {
  const problems: ManifestProblem[] = [];

  const id = childElement(root, 'Id');
  if (id && !isGuid(textOf(id))) {
    problems.push(problemAt('id-format', id, `<Id> "${textOf(id)}" is not a GUID (expected the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`));
  }

  const version = childElement(root, 'Version');
  if (version && !FOUR_PART_VERSION.test(textOf(version))) {
    problems.push(problemAt('version-format', version, `<Version> "${textOf(version)}" must have exactly four numeric parts, like 1.0.0.0`));
  }

  const permissions = childElement(root, 'Permissions');
  if (permissions && !mailPermissions.includes(textOf(permissions))) {
    problems.push(problemAt('permissions', permissions, `<Permissions> "${textOf(permissions)}" is not a mail add-in permission; use one of ${mailPermissions.join(', ')}`));
  }
  return problems;
}
