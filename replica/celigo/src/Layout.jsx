// The frame: a dark navigation rail on the left, an app bar with the "waffle" menu (Tools and
// resources > Connections, as Celigo's help describes it) at the top right.
// ASSUMED: the rail's entries and the app bar's look.
import { useState } from 'react';
import {
  AppBar, Toolbar, Typography, IconButton, Menu, MenuItem, ListSubheader, Avatar, Tooltip, List, ListItem, ListItemIcon, ListItemText,
  AppsIcon, HomeOutlinedIcon, BuildOutlinedIcon, StorageOutlinedIcon, StorefrontOutlinedIcon, HelpOutlineIcon, NotificationsNoneIcon,
} from 'celigo-ui';
import { RouterLink, navigate } from './router.jsx';

const RESOURCES = ['Connections', 'Exports', 'Imports', 'Scripts', 'Stacks', 'iClients', 'API tokens'];

function WaffleMenu() {
  const [anchor, setAnchor] = useState(null);
  return (
    <>
      <Tooltip title="Tools and resources">
        <IconButton aria-label="Tools and resources" data-test="waffle" onClick={(e) => setAnchor(e.currentTarget)}>
          <AppsIcon />
        </IconButton>
      </Tooltip>
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }} transformOrigin={{ vertical: 'top', horizontal: 'right' }}>
        <ListSubheader>Resources</ListSubheader>
        {RESOURCES.map((r) => (
          <MenuItem key={r} disabled={r !== 'Connections'} onClick={() => { setAnchor(null); navigate('/connections'); }}>
            {r}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}

function Rail({ path }) {
  const items = [
    { label: 'Home', icon: <HomeOutlinedIcon />, href: '/home', active: path === '/home' || path.startsWith('/integration') },
    { label: 'Tools', icon: <BuildOutlinedIcon />, href: null },
    { label: 'Resources', icon: <StorageOutlinedIcon />, href: '/connections', active: path.startsWith('/connections') },
    { label: 'Marketplace', icon: <StorefrontOutlinedIcon />, href: null },
    { label: 'Help', icon: <HelpOutlineIcon />, href: null },
  ];
  return (
    <nav aria-label="Main" className="rail">
      <div className="rail-logo">integrator<span>.io</span></div>
      <List>
        {items.map((it) => (
          <ListItem
            key={it.label}
            button
            component={it.href ? RouterLink : 'div'}
            href={it.href ?? undefined}
            disabled={!it.href}
            selected={Boolean(it.active)}
            className="rail-item"
          >
            <ListItemIcon className="rail-icon">{it.icon}</ListItemIcon>
            <ListItemText primary={it.label} />
          </ListItem>
        ))}
      </List>
    </nav>
  );
}

export function Layout({ path, children }) {
  return (
    <div className="app-frame">
      <Rail path={path} />
      <div className="app-main">
        <AppBar position="sticky" color="inherit" elevation={0} className="app-bar">
          <Toolbar className="toolbar">
            <Typography variant="body2" className="grow muted">Acme Corp · Production</Typography>
            <IconButton aria-label="Notifications"><NotificationsNoneIcon /></IconButton>
            <WaffleMenu />
            <Avatar className="avatar">AA</Avatar>
          </Toolbar>
        </AppBar>
        <main className="page">{children}</main>
      </div>
    </div>
  );
}
