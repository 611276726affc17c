// An integration (tabs across the top) and an integration app's settings (menu on the left,
// with Connections in it, as Celigo's help for the Jira SmartConnector describes).
// ASSUMED: the names and order of the tabs and of the settings sections.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import Tabs from '@mui/material/Tabs';
import Tab from '@mui/material/Tab';
import Paper from '@mui/material/Paper';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import CircularProgress from '@mui/material/CircularProgress';
import { RouterLink } from '../router.jsx';
import { useResource } from '../api.js';
import { ConnectionsTable } from '../ConnectionsTable.jsx';

const INTEGRATION_TABS = [['flows', 'Flows'], ['connections', 'Connections'], ['users', 'Users'], ['auditlog', 'Audit log'], ['notifications', 'Notifications']];
const APP_SECTIONS = [['general', 'General'], ['flows', 'Flows'], ['connections', 'Connections'], ['users', 'Users'], ['auditlog', 'Audit log'], ['notifications', 'Notifications']];

function Crumbs({ name }) {
  return (
    <Breadcrumbs sx={{ mb: 1 }}>
      <Link component={RouterLink} href="/home" underline="hover" color="inherit">Home</Link>
      <Typography color="text.primary">{name}</Typography>
    </Breadcrumbs>
  );
}

function IntegrationConnections({ integrationId, editBase }) {
  const { loading, data, error } = useResource(`/integrations/${integrationId}/connections`);
  return <ConnectionsTable loading={loading} error={error} connections={data ?? []} editBase={editBase} />;
}

function Placeholder({ what }) {
  return <Paper variant="outlined" sx={{ p: 3 }}><Typography color="text.secondary">{what}: nothing to show here.</Typography></Paper>;
}

export function IntegrationPage({ integrationId, tab }) {
  const { loading, data, error } = useResource(`/integrations/${integrationId}`);
  if (loading) return <CircularProgress size={28} />;
  if (error) return <Typography color="error">{error}</Typography>;
  const base = `/integrations/${integrationId}`;
  const known = INTEGRATION_TABS.some(([t]) => t === tab);
  return (
    <Box>
      <Crumbs name={data.name} />
      <Typography variant="h5" component="h1" sx={{ fontWeight: 500, mb: 1 }}>{data.name}</Typography>
      <Tabs value={known ? tab : false} sx={{ mb: 2, borderBottom: '1px solid #D6E4ED' }}>
        {INTEGRATION_TABS.map(([t, label]) => <Tab key={t} value={t} label={label} component={RouterLink} href={`${base}/${t}`} />)}
      </Tabs>
      {tab === 'connections'
        ? <IntegrationConnections integrationId={integrationId} editBase={`${base}/connections`} />
        : <Placeholder what={known ? INTEGRATION_TABS.find(([t]) => t === tab)[1] : 'Flow builder'} />}
    </Box>
  );
}

export function IntegrationAppPage({ appName, integrationId, tab }) {
  const { loading, data, error } = useResource(`/integrations/${integrationId}`);
  if (loading) return <CircularProgress size={28} />;
  if (error) return <Typography color="error">{error}</Typography>;
  const base = `/integrationapps/${appName}/${integrationId}`;
  const section = APP_SECTIONS.find(([t]) => t === tab);
  return (
    <Box>
      <Crumbs name={data.name} />
      <Typography variant="h5" component="h1" sx={{ fontWeight: 500, mb: 2 }}>{data.name}</Typography>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
        <Paper variant="outlined" sx={{ width: 220, flexShrink: 0 }}>
          <List component="nav" aria-label="Settings" subheader={<ListSubheader>Settings</ListSubheader>} dense>
            {APP_SECTIONS.map(([t, label]) => (
              <ListItemButton key={t} component={RouterLink} href={`${base}/${t}`} selected={t === tab}>
                <ListItemText primary={label} />
              </ListItemButton>
            ))}
          </List>
        </Paper>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography variant="h6" component="h2" sx={{ mb: 1 }}>{section ? section[1] : 'Settings'}</Typography>
          {tab === 'connections'
            ? <IntegrationConnections integrationId={integrationId} editBase={`${base}/connections`} />
            : <Placeholder what={section ? section[1] : 'This section'} />}
        </Box>
      </Box>
    </Box>
  );
}
