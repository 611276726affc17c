// A resource list of connections, each row with the Edit pencil that opens the edit drawer at
// `<editBase>/edit/connections/<id>`.
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableHead from '@mui/material/TableHead';
import TableBody from '@mui/material/TableBody';
import TableRow from '@mui/material/TableRow';
import TableCell from '@mui/material/TableCell';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import CircularProgress from '@mui/material/CircularProgress';
import Box from '@mui/material/Box';
import EditOutlinedIcon from '@mui/icons-material/esm/EditOutlined';
import { RouterLink } from './router.jsx';

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

export function ConnectionsTable({ loading, error, connections, editBase }) {
  if (loading) return <Box sx={{ p: 4, textAlign: 'center' }}><CircularProgress size={28} /></Box>;
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
          {connections.map((c) => (
            <TableRow key={c._id} hover data-test="connectionRow" data-connection-id={c._id}>
              <TableCell>
                <RouterLink href={`${editBase}/edit/connections/${c._id}`} style={{ color: '#1D76BD', textDecoration: 'none', fontWeight: 500 }}>{c.name}</RouterLink>
              </TableCell>
              <TableCell>
                <Chip size="small" label={c.offline ? 'Offline' : 'Online'} color={c.offline ? 'error' : 'success'} variant="outlined" />
              </TableCell>
              <TableCell>{typeLabel(c)}</TableCell>
              <TableCell>{c.type === 'netsuite' ? 'SOAP' : 'REST'}</TableCell>
              <TableCell>{formatDate(c.lastModified)}</TableCell>
              <TableCell align="right">
                <Tooltip title="Edit connection">
                  <IconButton
                    component={RouterLink}
                    href={`${editBase}/edit/connections/${c._id}`}
                    aria-label={`Edit ${c.name}`}
                    data-test="editConnection"
                    size="small"
                  >
                    <EditOutlinedIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}
