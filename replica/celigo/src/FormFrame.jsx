// The drawer's body: scrolling sections, and the action bar at the bottom (Save / Save & close /
// Close on the left, Test connection on the right).
import { useEffect, useRef, useState } from 'react';
import { Paper, Typography, Accordion, AccordionSummary, AccordionDetails, ExpandMoreIcon } from 'celigo-ui';

/**
 * A form section: an accordion whose summary carries `data-test="<title>"`. It starts collapsed
 * and opens once when it holds a required or an invalid field (real-site-evidence.md); after that
 * the person decides.
 */
export function Section({ title, children, needsAttention = false }) {
  const [expanded, setExpanded] = useState(needsAttention);
  const opened = useRef(needsAttention);
  useEffect(() => {
    if (needsAttention && !opened.current) {
      opened.current = true;
      setExpanded(true);
    }
  }, [needsAttention]);
  return (
    <Accordion expanded={expanded} onChange={(_e, open) => setExpanded(open)} variant="outlined" square className="section">
      <AccordionSummary expandIcon={<ExpandMoreIcon />} data-test={title}>
        <Typography className="section-title">{title}</Typography>
      </AccordionSummary>
      <AccordionDetails className="section-details">{children}</AccordionDetails>
    </Accordion>
  );
}

export function FormFrame({ top, children, actionsLeft, actionsRight }) {
  return (
    <form noValidate onSubmit={(e) => e.preventDefault()} className="form">
      <div className="form-body">
        {top}
        {children}
      </div>
      <Paper square elevation={0} className="form-actions">
        {actionsLeft}
        <div className="grow" />
        {actionsRight}
      </Paper>
    </form>
  );
}
