// The "mui5" generation: @mui/material 5.18 on React 18 (Celigo's 2023 upgrade branch was on
// @mui/material 5.11 + React 18.2; MUI >= 5.14 renders the select as role="combobox").
// Every component the app uses comes from here or from ./v4.js, under the same names; the
// build picks one of the two with the `celigo-ui` alias (../../build.mjs).
import { createRoot } from 'react-dom/client';
import { createTheme } from '@mui/material/styles';

export { ThemeProvider } from '@mui/material/styles';
export { default as CssBaseline } from '@mui/material/CssBaseline';
export { default as Accordion } from '@mui/material/Accordion';
export { default as AccordionSummary } from '@mui/material/AccordionSummary';
export { default as AccordionDetails } from '@mui/material/AccordionDetails';
export { default as Alert } from '@mui/material/Alert';
export { default as AlertTitle } from '@mui/material/AlertTitle';
export { default as AppBar } from '@mui/material/AppBar';
export { default as Avatar } from '@mui/material/Avatar';
export { default as Breadcrumbs } from '@mui/material/Breadcrumbs';
export { default as Button } from '@mui/material/Button';
export { default as Card } from '@mui/material/Card';
export { default as CardActions } from '@mui/material/CardActions';
export { default as CardContent } from '@mui/material/CardContent';
export { default as Chip } from '@mui/material/Chip';
export { default as CircularProgress } from '@mui/material/CircularProgress';
export { default as Dialog } from '@mui/material/Dialog';
export { default as DialogActions } from '@mui/material/DialogActions';
export { default as DialogContent } from '@mui/material/DialogContent';
export { default as DialogContentText } from '@mui/material/DialogContentText';
export { default as DialogTitle } from '@mui/material/DialogTitle';
export { default as Drawer } from '@mui/material/Drawer';
export { default as FormHelperText } from '@mui/material/FormHelperText';
export { default as FormLabel } from '@mui/material/FormLabel';
export { default as IconButton } from '@mui/material/IconButton';
export { default as Input } from '@mui/material/Input';
export { default as Link } from '@mui/material/Link';
export { default as List } from '@mui/material/List';
export { default as ListItem } from '@mui/material/ListItem';
export { default as ListItemIcon } from '@mui/material/ListItemIcon';
export { default as ListItemText } from '@mui/material/ListItemText';
export { default as ListSubheader } from '@mui/material/ListSubheader';
export { default as Menu } from '@mui/material/Menu';
export { default as MenuItem } from '@mui/material/MenuItem';
export { default as Paper } from '@mui/material/Paper';
export { default as Popover } from '@mui/material/Popover';
export { default as Select } from '@mui/material/Select';
export { default as Snackbar } from '@mui/material/Snackbar';
export { default as Tab } from '@mui/material/Tab';
export { default as Table } from '@mui/material/Table';
export { default as TableBody } from '@mui/material/TableBody';
export { default as TableCell } from '@mui/material/TableCell';
export { default as TableHead } from '@mui/material/TableHead';
export { default as TableRow } from '@mui/material/TableRow';
export { default as Tabs } from '@mui/material/Tabs';
export { default as TextField } from '@mui/material/TextField';
export { default as Toolbar } from '@mui/material/Toolbar';
export { default as Tooltip } from '@mui/material/Tooltip';
export { default as Typography } from '@mui/material/Typography';

export { default as AddIcon } from '@mui/icons-material/esm/Add';
export { default as AppsIcon } from '@mui/icons-material/esm/Apps';
export { default as BuildOutlinedIcon } from '@mui/icons-material/esm/BuildOutlined';
export { default as CloseIcon } from '@mui/icons-material/esm/Close';
export { default as EditOutlinedIcon } from '@mui/icons-material/esm/EditOutlined';
export { default as ExpandMoreIcon } from '@mui/icons-material/esm/ExpandMore';
export { default as HelpOutlineIcon } from '@mui/icons-material/esm/HelpOutline';
export { default as HomeOutlinedIcon } from '@mui/icons-material/esm/HomeOutlined';
export { default as MoreHorizIcon } from '@mui/icons-material/esm/MoreHoriz';
export { default as NotificationsNoneIcon } from '@mui/icons-material/esm/NotificationsNone';
export { default as SettingsOutlinedIcon } from '@mui/icons-material/esm/SettingsOutlined';
export { default as StorageOutlinedIcon } from '@mui/icons-material/esm/StorageOutlined';
export { default as StorefrontOutlinedIcon } from '@mui/icons-material/esm/StorefrontOutlined';

export const UI_GENERATION = 'mui5';

export function mount(element, container) {
  createRoot(container).render(element);
}

// ASSUMED: Celigo's palette (blue primary, light grey-blue page background, dark navy side bar);
// no public source gives the exact values. Shared with ./v4.js through ./palette.js.
import { PALETTE, TYPOGRAPHY } from './palette.js';

export const theme = createTheme({
  palette: PALETTE,
  typography: TYPOGRAPHY,
  shape: { borderRadius: 4 },
  components: { MuiButton: { defaultProps: { disableElevation: true } } },
});
