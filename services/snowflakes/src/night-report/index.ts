// The night report's producer (export these from the package index: nightReportText, NightReportError, types).
export { NightReportError, type NightReportText, type NightSummary, nightReportText } from './text.ts'
