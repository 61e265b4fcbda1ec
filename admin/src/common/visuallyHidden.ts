/** Read by screen readers, not shown (sx). */
export const visuallyHidden = {
  position: 'absolute',
  // strings: in sx a number up to 1 is a fraction of the parent
  width: '1px',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
