// Placeholder worker: replaced by the collector (issue 3).
export {};
