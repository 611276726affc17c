// The drawer's body: scrolling sections, and the action bar at the bottom (Save / Save & close /
// Close on the left, Test connection on the right).
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import Accordion from '@mui/material/Accordion';
import AccordionSummary from '@mui/material/AccordionSummary';
import AccordionDetails from '@mui/material/AccordionDetails';
import ExpandMoreIcon from '@mui/icons-material/esm/ExpandMore';

export function Section({ title, children, defaultExpanded = true }) {
  return (
    <Accordion defaultExpanded={defaultExpanded} disableGutters variant="outlined" sx={{ mb: 2, '&:before': { display: 'none' } }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography sx={{ fontWeight: 500 }}>{title}</Typography>
      </AccordionSummary>
      <AccordionDetails sx={{ pt: 0 }}>{children}</AccordionDetails>
    </Accordion>
  );
}

export function FormFrame({ top, children, actionsLeft, actionsRight }) {
  return (
    <Box component="form" noValidate onSubmit={(e) => e.preventDefault()} sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 }}>
      <Box sx={{ flexGrow: 1, overflowY: 'auto', p: 3 }}>
        {top}
        {children}
      </Box>
      <Paper square elevation={0} sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 3, py: 1.5, borderTop: '1px solid #D6E4ED' }}>
        {actionsLeft}
        <Box sx={{ flexGrow: 1 }} />
        {actionsRight}
      </Paper>
    </Box>
  );
}
