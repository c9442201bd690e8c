// The night report's producer (export these from the package index: nightReportText, NightReportError, types).
export { type NightReportText, NightReportError, type NightSummary, nightReportText } from './text.ts'
