import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

interface PageHeaderProps {
  /** The screen's one level-1 heading. */
  title: ReactNode;
  /** A screen inside another: its `ParentBreadcrumb` (kept apart: top-level screens load less). */
  breadcrumb?: ReactNode;
  /** Beside the heading, e.g. how many rows match (announced politely by its owner). */
  aside?: ReactNode;
  /** Under the heading: what the screen is for. */
  description?: ReactNode;
}

/** The top of every screen, in one style: breadcrumb, heading, a figure beside it, a line under it. */
export function PageHeader({ title, breadcrumb, aside, description }: PageHeaderProps) {
  return (
    <>
      {breadcrumb}
      <div>
        <Stack
          direction="row"
          spacing={2}
          useFlexGap
          sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}
        >
          <Typography variant="h5" component="h1">
            {title}
          </Typography>
          {aside}
        </Stack>
        {description ? <Typography color="text.secondary">{description}</Typography> : null}
      </div>
    </>
  );
}
