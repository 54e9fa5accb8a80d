// approve-csr: a client certificate for any name and groups, system:masters included, from the
// kubernetes.io/kube-apiserver-client signer: create a CertificateSigningRequest, approve it
// (update or patch on certificatesigningrequests/approval, plus approve on signers for that signer
// name or for "kubernetes.io/*", as upstream checks). The issued certificate comes back in the
// response of any later write to the approval subresource (or from get, list or watch, named in the
// step when granted). The CSR's name is the requester's choice, so any name a grant is limited to
// will do.
import { allowances, allowed, allowedAny } from '../actor';
import type { Allowance } from '../allowances';
import { MASTERS } from '../../subjects';
import { also, draft, type Technique } from '../graph';
import type { ProbeId } from '../probes';

export const CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';
/** Upstream also accepts approve on "<domain>/*" for a signer "<domain>/<path>". */
export const CLIENT_SIGNER_WILDCARD = 'kubernetes.io/*';

/** The first allowance of any of the probes, on any name (the CSR is named by the requester). */
function anyName(lists: { id: ProbeId; list: readonly Allowance[] }[]): { id: ProbeId; a: Allowance } | undefined {
  for (const { id, list } of lists) if (list[0]) return { id, a: list[0] };
  return undefined;
}

export const approveCsr: Technique = {
  id: 'approve-csr',
  probes: ['createCsr', 'getCsr', 'listCsr', 'watchCsr', 'updateCsrApproval', 'patchCsrApproval', 'approveSigners'],
  requires: ['approveSigners'],
  expand(ctx) {
    const { world, actor } = ctx;
    const create = allowed(world, actor, 'createCsr', '');
    if (!create) return;
    const signer = allowedAny(world, actor, ['approveSigners'], '', CLIENT_SIGNER) ?? allowedAny(world, actor, ['approveSigners'], '', CLIENT_SIGNER_WILDCARD);
    if (!signer) return;
    const list = (id: ProbeId) => ({ id, list: allowances(world, actor, id) });
    const approval = anyName([list('updateCsrApproval'), list('patchCsrApproval')]);
    const read = anyName([list('getCsr'), list('listCsr'), list('watchCsr')]);
    if (!approval) return;
    const csrName = (a: Allowance) => a.names?.[0] ?? '';
    const signerName = signer.allowance.names === undefined ? CLIENT_SIGNER : (signer.allowance.names.includes(CLIENT_SIGNER) ? CLIENT_SIGNER : CLIENT_SIGNER_WILDCARD);
    ctx.edge(
      ctx.subject({ kind: 'Group', name: MASTERS }),
      draft('approve-csr', 'approveSigners', signer.allowance, '', signerName, {
        also: [also('createCsr', create, ''), also(approval.id, approval.a, '', csrName(approval.a)), ...(read ? [also(read.id, read.a, '', csrName(read.a))] : [])],
      }),
    );
  },
};
