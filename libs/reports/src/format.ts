/** Numbers as a Vietnamese reader writes them: "1.250.000" (dots between thousands), "61,25" (decimal comma). */
export function vietnameseAmount(amount: string): string {
  const negative = amount.startsWith('-');
  const digits = negative ? amount.slice(1) : amount;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return negative ? `-${grouped}` : grouped;
}

export function vietnameseNumber(value: number, decimals = 0): string {
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.');
  const text = vietnameseAmount(whole) + (fraction ? `,${fraction}` : '');
  return value < 0 ? `-${text}` : text;
}
