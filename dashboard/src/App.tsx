import { Route, Router, useParams } from '@solidjs/router';
import type { City } from './views/city';
import { CityProvider } from './views/CityContext';
import { Desk } from './views/Desk';
import { Public } from './views/Public';
import { Wall } from './views/Wall';

function AreaView() {
  const params = useParams();
  return <Desk area={params.code} />;
}

export function App(props: { city: City }) {
  return (
    <CityProvider city={props.city}>
      <Router>
        <Route path="/" component={() => <Desk />} />
        <Route path="/wall" component={Wall} />
        <Route path="/area/:code" component={AreaView} />
        <Route path="/public" component={Public} />
      </Router>
    </CityProvider>
  );
}
