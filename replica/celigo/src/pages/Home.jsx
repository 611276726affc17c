// Home: a tile per integration. An integration app's tile (Jira - NetSuite) carries the Settings
// icon that leads to its settings, whose left menu has Connections (Celigo help, seed 001).
// ASSUMED: the tile's look, and Settings opening /integrationapps/<app>/<id>/general.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardActions from '@mui/material/CardActions';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import CircularProgress from '@mui/material/CircularProgress';
import SettingsOutlinedIcon from '@mui/icons-material/esm/SettingsOutlined';
import { RouterLink } from '../router.jsx';
import { useResource } from '../api.js';

export function integrationBase(i) {
  return i._connectorId ? `/integrationapps/${i.appName}/${i._id}` : `/integrations/${i._id}`;
}

function Tile({ integration }) {
  const base = integrationBase(integration);
  const app = Boolean(integration._connectorId);
  return (
    <Card variant="outlined" data-test="integrationTile" data-integration-id={integration._id} sx={{ width: 300, display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ flexGrow: 1 }}>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
          <Chip size="small" label={app ? 'Integration app' : 'Integration'} />
          <Chip size="small" color="success" variant="outlined" label="Success" />
        </Box>
        <Link component={RouterLink} href={`${base}/flows`} underline="hover" variant="h6" sx={{ fontWeight: 500 }}>
          {integration.name}
        </Link>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {app ? 'SmartConnector by Celigo' : `${integration.flowCount ?? 0} flows`}
        </Typography>
      </CardContent>
      <CardActions sx={{ justifyContent: 'flex-end', borderTop: '1px solid #E5EDF2' }}>
        <Tooltip title="Settings">
          <IconButton component={RouterLink} href={`${base}/${app ? 'general' : 'flows'}`} aria-label={`Settings: ${integration.name}`} data-test="settings" size="small">
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
    <Box>
      <Typography variant="h5" component="h1" sx={{ fontWeight: 500, mb: 2 }}>Home</Typography>
      {loading ? <CircularProgress size={28} /> : (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
          {(data ?? []).map((i) => <Tile key={i._id} integration={i} />)}
        </Box>
      )}
    </Box>
  );
}
