import { Text } from '@fluentui/react-components';
import { PageHeading } from '../components/page-heading';
import { RouterLink } from '../router';

export function NotFoundPage() {
  return (
    <>
      <PageHeading title="Not found">No such page</PageHeading>
      <Text>
        This address is not a page of the console. Go to the <RouterLink href="/admin">overview</RouterLink>.
      </Text>
    </>
  );
}
