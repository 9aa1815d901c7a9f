import { Link } from '../app/router';
import { Page } from '../components/Page';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>If you typed the web address, check it is correct.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </Page>
  );
}

export function NotPermittedPage() {
  return (
    <Page title="You cannot open this page">
      <p>Your role does not include this screen. Ask your hub manager if you need it.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </Page>
  );
}
