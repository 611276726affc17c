// The frame: a dark navigation rail on the left, an app bar with the "waffle" menu (Tools and
// resources > Connections, as Celigo's help describes it) at the top right.
import { useState } from 'react';
import AppBar from '@mui/material/AppBar';
import Toolbar from '@mui/material/Toolbar';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import ListSubheader from '@mui/material/ListSubheader';
import Avatar from '@mui/material/Avatar';
import Tooltip from '@mui/material/Tooltip';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import AppsIcon from '@mui/icons-material/esm/Apps';
import HomeOutlinedIcon from '@mui/icons-material/esm/HomeOutlined';
import BuildOutlinedIcon from '@mui/icons-material/esm/BuildOutlined';
import StorageOutlinedIcon from '@mui/icons-material/esm/StorageOutlined';
import StorefrontOutlinedIcon from '@mui/icons-material/esm/StorefrontOutlined';
import HelpOutlineIcon from '@mui/icons-material/esm/HelpOutline';
import NotificationsNoneIcon from '@mui/icons-material/esm/NotificationsNone';
import { RouterLink, navigate } from './router.jsx';
import { NAV_BG } from './theme.js';

const RAIL = 224;

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
          <MenuItem
            key={r}
            disabled={r !== 'Connections'}
            onClick={() => { setAnchor(null); navigate('/connections'); }}
          >
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
    <Box component="nav" aria-label="Main" sx={{ width: RAIL, flexShrink: 0, bgcolor: NAV_BG, color: '#fff', position: 'fixed', top: 0, bottom: 0, left: 0 }}>
      <Box sx={{ height: 64, display: 'flex', alignItems: 'center', px: 2.5 }}>
        <Typography sx={{ fontWeight: 700, fontSize: 20, letterSpacing: 0.2 }}>
          integrator<Box component="span" sx={{ color: '#00A1E1' }}>.io</Box>
        </Typography>
      </Box>
      <List>
        {items.map((it) => (
          <ListItemButton
            key={it.label}
            component={it.href ? RouterLink : 'div'}
            href={it.href ?? undefined}
            disabled={!it.href}
            selected={Boolean(it.active)}
            sx={{ color: '#fff', '&.Mui-selected': { bgcolor: 'rgba(255,255,255,0.12)' }, '&.Mui-disabled': { opacity: 0.55 } }}
          >
            <ListItemIcon sx={{ color: 'inherit', minWidth: 40 }}>{it.icon}</ListItemIcon>
            <ListItemText primary={it.label} />
          </ListItemButton>
        ))}
      </List>
    </Box>
  );
}

export function Layout({ path, children }) {
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Rail path={path} />
      <Box sx={{ flexGrow: 1, ml: `${RAIL}px`, minWidth: 0 }}>
        <AppBar position="sticky" color="inherit" elevation={0} sx={{ borderBottom: '1px solid #D6E4ED' }}>
          <Toolbar sx={{ gap: 1 }}>
            <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
              Acme Corp · Production
            </Typography>
            <IconButton aria-label="Notifications"><NotificationsNoneIcon /></IconButton>
            <WaffleMenu />
            <Avatar sx={{ width: 32, height: 32, bgcolor: '#1D76BD', fontSize: 14 }}>AA</Avatar>
          </Toolbar>
        </AppBar>
        <Box component="main" sx={{ p: 3 }}>{children}</Box>
      </Box>
    </Box>
  );
}
