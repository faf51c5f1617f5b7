import FirstPageIcon from '@mui/icons-material/FirstPage';
import KeyboardArrowLeft from '@mui/icons-material/KeyboardArrowLeft';
import KeyboardArrowRight from '@mui/icons-material/KeyboardArrowRight';
import LastPageIcon from '@mui/icons-material/LastPage';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { formatCount } from '@/lib/format';

export interface TablePagerProps {
  /** Rows on all pages. */
  total: number;
  /** 1-based; a page past the end shows the last one. */
  page: number;
  pageSize: number;
  pageSizeOptions: readonly number[];
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}

/**
 * Paging under a table: rows per page, which rows are shown, and first / previous / next /
 * last. Written here rather than MUI's TablePagination, whose Select and tooltips would add
 * Popper.js and menus to the first page's JavaScript.
 */
export function TablePager({
  total,
  page,
  pageSize,
  pageSizeOptions,
  onPage,
  onPageSize,
}: TablePagerProps) {
  const sizeId = useId();
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const shown = Math.min(Math.max(1, page), lastPage);
  const from = total === 0 ? 0 : (shown - 1) * pageSize + 1;
  const to = Math.min(total, shown * pageSize);
  return (
    <Box
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        justifyContent: 'flex-end',
        columnGap: 3,
        rowGap: 1,
        px: 2,
        py: 1,
        borderTop: 1,
        borderColor: 'divider',
        typography: 'body2',
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <label htmlFor={sizeId}>Rows per page:</label>
        <Box
          component="select"
          id={sizeId}
          value={pageSize}
          onChange={(event) => onPageSize(Number(event.target.value))}
          sx={{
            font: 'inherit',
            color: 'text.primary',
            bgcolor: 'background.paper',
            border: 1,
            borderColor: 'divider',
            borderRadius: 1,
            px: 0.5,
            py: 0.25,
          }}
        >
          {pageSizeOptions.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </Box>
      </Box>
      <Typography variant="body2" component="p">
        {`${formatCount(from)}–${formatCount(to)} of ${formatCount(total)}`}
      </Typography>
      <Box sx={{ display: 'flex' }}>
        <IconButton aria-label="Go to first page" disabled={shown <= 1} onClick={() => onPage(1)}>
          <FirstPageIcon />
        </IconButton>
        <IconButton
          aria-label="Go to previous page"
          disabled={shown <= 1}
          onClick={() => onPage(shown - 1)}
        >
          <KeyboardArrowLeft />
        </IconButton>
        <IconButton
          aria-label="Go to next page"
          disabled={shown >= lastPage}
          onClick={() => onPage(shown + 1)}
        >
          <KeyboardArrowRight />
        </IconButton>
        <IconButton
          aria-label="Go to last page"
          disabled={shown >= lastPage}
          onClick={() => onPage(lastPage)}
        >
          <LastPageIcon />
        </IconButton>
      </Box>
    </Box>
  );
}
