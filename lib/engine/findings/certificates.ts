// CSR approval: update (or patch) certificatesigningrequests/approval AND approve on a kubernetes.io
// signer. The signer check asks for the signer's name and for its "<domain>/*" form, as the
// certificates admission plugin does.
import type { PermissionCheck } from './check';
import { probe } from './probes';

const CERTS = 'certificates.k8s.io';
const CLIENT = 'kubernetes.io/kube-apiserver-client';
const KUBELET_CLIENT = 'kubernetes.io/kube-apiserver-client-kubelet';

const CREATE = probe('create', CERTS, 'certificatesigningrequests', true);
const UPDATE_APPROVAL = probe('update', CERTS, 'certificatesigningrequests/approval', true);
const PATCH_APPROVAL = probe('patch', CERTS, 'certificatesigningrequests/approval', true);
const APPROVE_CLIENT = probe('approve', CERTS, 'signers', true, CLIENT);
const APPROVE_DOMAIN = probe('approve', CERTS, 'signers', true, 'kubernetes.io/*');
const APPROVE_KUBELET = probe('approve', CERTS, 'signers', true, KUBELET_CLIENT);

export const approveCsr: PermissionCheck = {
  type: 'permission',
  action: 'can approve certificate signing requests',
  probes: () => [CREATE, UPDATE_APPROVAL, PATCH_APPROVAL, APPROVE_CLIENT, APPROVE_DOMAIN, APPROVE_KUBELET],
  qualifies: (p) =>
    (p.has(UPDATE_APPROVAL.label) || p.has(PATCH_APPROVAL.label)) &&
    (p.has(APPROVE_CLIENT.label) || p.has(APPROVE_DOMAIN.label) || p.has(APPROVE_KUBELET.label)),
  adjust(_ctx, acc) {
    const p = acc.permissions;
    const anyClient = p.has(APPROVE_CLIENT.label) || p.has(APPROVE_DOMAIN.label);
    if (!anyClient) return { steps: -1, note: `approval limited to the ${KUBELET_CLIENT} signer (node identities)` };
    if (!p.has(CREATE.label)) return { steps: -1, note: 'cannot create CSRs itself: needs a CSR from someone else to approve' };
    return undefined;
  },
};
