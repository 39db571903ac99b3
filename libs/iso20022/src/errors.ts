/**
 * Every problem with the shape of an ISO 20022 message is reported as FF01 ("invalid file format"), the code a
 * bank puts on a pain.002 when it cannot read a file. The same class is thrown by the builders, so a file we would
 * send in a shape the bank rejects fails on our side first.
 */
export class Iso20022Error extends Error {
  readonly code = 'FF01' as const;

  constructor(
    message: string,
    /** Where in the document, e.g. "GrpHdr/CtrlSum", when known. */
    readonly path?: string,
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'Iso20022Error';
  }
}
