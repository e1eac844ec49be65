import type { Metadata } from 'next';
import { knownHostFact } from '@/components/generate/host-facts';
import { UrlForm } from '@/components/generate/url-form';
import { StorageMapping, VolumeMapping, VolumesTabs } from '@/components/generate/volumes-generator';
import { storageMappingFormSchema } from '@/lib/kasm/storage-mapping';
import { volumeMappingFormSchema, volumeMappingIds } from '@/lib/kasm/volume-mapping';
import { hostIdOf } from '@/lib/server/page-data';
import { generatorParams, readForm, type GeneratorPageProps } from '../_lib/form';
import { hostFactsOf } from '../_lib/host-facts';
import { hostPathResult } from '../_lib/host-path';

export const metadata: Metadata = { title: 'Volume and storage mappings' };

async function VolumeTab({ params, host }: { params: URLSearchParams; host: string }) {
  const read = readForm(volumeMappingFormSchema, params);
  const facts = await hostFactsOf(host);
  const hostFact = knownHostFact(facts.kasmUser);
  const ids = volumeMappingIds(read.form, hostFact);
  const hostPath = await hostPathResult(host, read.form.hostPath, { uid: ids.uid, gid: ids.gid }, facts.kasmUser);
  return <VolumeMapping {...read} facts={facts} hostPath={hostPath} />;
}

async function StorageTab({ params, host }: { params: URLSearchParams; host: string }) {
  const read = readForm(storageMappingFormSchema, params);
  return <StorageMapping {...read} facts={await hostFactsOf(host)} />;
}

/** Rendered on the server from the URL's form state and the host's facts.kasmUser; the browser only edits the URL. */
export default async function Page(props: GeneratorPageProps) {
  const params = await generatorParams(props);
  const host = hostIdOf(params);
  const tab = params.get('tab') === 'storage' ? 'storage' : 'volume';
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Volume and storage mappings</h1>
        <p className="text-sm text-muted">Mappings whose uid/gid match what kasm-user really is on this host under Sysbox.</p>
      </div>
      <VolumesTabs tab={tab} host={params.get('host')}>
        <UrlForm key={`${host}:${tab}`}>{tab === 'storage' ? <StorageTab params={params} host={host} /> : <VolumeTab params={params} host={host} />}</UrlForm>
      </VolumesTabs>
    </div>
  );
}
