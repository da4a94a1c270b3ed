import { Route, Router, useParams } from '@solidjs/router';
import { Desk } from './views/Desk';
import { Public } from './views/Public';
import { Wall } from './views/Wall';

function AreaView() {
  const params = useParams();
  return <Desk area={params.code} />;
}

export function App() {
  return (
    <Router>
      <Route path="/" component={() => <Desk />} />
      <Route path="/wall" component={Wall} />
      <Route path="/area/:code" component={AreaView} />
      <Route path="/public" component={Public} />
    </Router>
  );
}
