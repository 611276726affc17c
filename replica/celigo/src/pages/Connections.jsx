import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import AddIcon from '@mui/icons-material/esm/Add';
import { useResource } from '../api.js';
import { ConnectionsTable } from '../ConnectionsTable.jsx';

export function ConnectionsPage() {
  const { loading, data, error } = useResource('/connections');
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1, fontWeight: 500 }}>Connections</Typography>
        <Button variant="outlined" startIcon={<AddIcon />} disabled>Create connection</Button>
      </Box>
      <ConnectionsTable loading={loading} error={error} connections={data ?? []} editBase="/connections" />
    </Box>
  );
}
