import { redirect } from 'next/navigation';

export default function GenerateIndex() {
  redirect('/generate/run-config');
}
