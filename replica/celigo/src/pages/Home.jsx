// Home: a tile per integration. An integration app's tile (Jira - NetSuite) carries the Settings
// icon that leads to its settings (Celigo help, seed 001).
// ASSUMED: the tile's look; Settings opening /integrationapps/<app>/<id>/general in the older
// "settings" layout and …/settings in the "tabs" layout.
import { Typography, Card, CardContent, CardActions, IconButton, Tooltip, Chip, Link, CircularProgress, SettingsOutlinedIcon } from 'celigo-ui';
import { RouterLink } from '../router.jsx';
import { useResource } from '../api.js';
import { replicaSetting } from '../store.js';

export function integrationBase(i) {
  return i._connectorId ? `/integrationapps/${i.appName}/${i._id}` : `/integrations/${i._id}`;
}

function Tile({ integration }) {
  const base = integrationBase(integration);
  const app = Boolean(integration._connectorId);
  const settings = app ? (replicaSetting('ia-layout', 'settings') === 'tabs' ? 'settings' : 'general') : 'flows';
  return (
    <Card variant="outlined" data-test="integrationTile" data-integration-id={integration._id} className="tile">
      <CardContent className="tile-content">
        <div className="tile-head">
          <Chip size="small" label={app ? 'Integration app' : 'Integration'} />
          <Chip size="small" variant="outlined" label="Success" className="status-online" />
        </div>
        <Link component={RouterLink} href={`${base}/flows`} underline="hover" variant="h6" className="tile-name">
          {integration.name}
        </Link>
        <Typography variant="body2" className="muted">
          {app ? 'SmartConnector by Celigo' : `${integration.flowCount ?? 0} flows`}
        </Typography>
      </CardContent>
      <CardActions className="tile-actions">
        <Tooltip title="Settings">
          <IconButton component={RouterLink} href={`${base}/${settings}`} aria-label={`Settings: ${integration.name}`} data-test="settings" size="small">
            <SettingsOutlinedIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </CardActions>
    </Card>
  );
}

export function HomePage() {
  const { loading, data } = useResource('/integrations');
  return (
    <div>
      <Typography variant="h5" component="h1" className="page-title">Home</Typography>
      {loading ? <CircularProgress size={28} /> : (
        <div className="tiles">
          {(data ?? []).map((i) => <Tile key={i._id} integration={i} />)}
        </div>
      )}
    </div>
  );
}
