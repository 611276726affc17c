import { Typography, Button, AddIcon } from 'celigo-ui';
import { useResource } from '../api.js';
import { ConnectionsTable } from '../ConnectionsTable.jsx';

export function ConnectionsPage() {
  const { loading, data, error } = useResource('/connections');
  return (
    <div>
      <div className="row mb2">
        <Typography variant="h5" component="h1" className="grow page-title">Connections</Typography>
        <Button variant="outlined" startIcon={<AddIcon />} disabled>Create connection</Button>
      </div>
      <ConnectionsTable loading={loading} error={error} connections={data ?? []} editBase="/connections" />
    </div>
  );
}
