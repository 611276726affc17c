// A resource list of connections. The connection's name links to `<editBase>/edit/connections/<id>`
// (the edit drawer); each row has the Edit pencil (`data-test="editConnection"`,
// aria-label "Edit <name>"). In an integration app's Connections tab (variant 'tabs') the row
// also has the actions menu whose entry reads "Edit connection" (real-site-evidence.md, "Routes").
// ASSUMED: the columns, the pencil, the ellipsis button and its data-test names.
import { useState } from 'react';
import {
  Paper, Table, TableHead, TableBody, TableRow, TableCell, IconButton, Tooltip, Chip, Typography, CircularProgress, Menu, MenuItem,
  EditOutlinedIcon, MoreHorizIcon,
} from 'celigo-ui';
import { RouterLink, navigate } from './router.jsx';

const TYPE_LABEL = { netsuite: 'NetSuite', http: 'HTTP', rest: 'REST API', salesforce: 'Salesforce' };

export function typeLabel(c) {
  if (c.assistant === 'jira') return 'Jira Software';
  if (c.assistant === 'shopify') return 'Shopify';
  return TYPE_LABEL[c.type] ?? c.type;
}

export function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString('en-US', { month: '2-digit', day: '2-digit', year: 'numeric', hour: 'numeric', minute: '2-digit' });
}

function RowActions({ connection, href }) {
  const [anchor, setAnchor] = useState(null);
  return (
    <>
      <IconButton aria-label={`More actions: ${connection.name}`} data-test="openActionsMenu" size="small" onClick={(e) => setAnchor(e.currentTarget)}>
        <MoreHorizIcon fontSize="small" />
      </IconButton>
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        <MenuItem data-test="editConnectionAction" onClick={() => { setAnchor(null); navigate(href); }}>Edit connection</MenuItem>
      </Menu>
    </>
  );
}

export function ConnectionsTable({ loading, error, connections, editBase, variant = 'resources' }) {
  if (loading) return <div className="center"><CircularProgress size={28} /></div>;
  if (error) return <Typography color="error">{error}</Typography>;
  return (
    <Paper variant="outlined">
      <Table size="medium" aria-label="Connections">
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Application</TableCell>
            <TableCell>API</TableCell>
            <TableCell>Last updated</TableCell>
            <TableCell align="right">Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {connections.map((c) => {
            const href = `${editBase}/edit/connections/${c._id}`;
            return (
              <TableRow key={c._id} hover data-test="connectionRow" data-connection-id={c._id}>
                <TableCell>
                  <RouterLink href={href} className="conn-link" data-test="connectionName">{c.name}</RouterLink>
                </TableCell>
                <TableCell>
                  <Chip size="small" label={c.offline ? 'Offline' : 'Online'} variant="outlined" className={c.offline ? 'status-offline' : 'status-online'} />
                </TableCell>
                <TableCell>{typeLabel(c)}</TableCell>
                <TableCell>{c.type === 'netsuite' ? 'SOAP' : 'REST'}</TableCell>
                <TableCell>{formatDate(c.lastModified)}</TableCell>
                <TableCell align="right">
                  <Tooltip title="Edit connection">
                    <IconButton component={RouterLink} href={href} aria-label={`Edit ${c.name}`} data-test="editConnection" size="small">
                      <EditOutlinedIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                  {variant === 'tabs' && <RowActions connection={c} href={href} />}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Paper>
  );
}
