import type { Field } from 'payload'

import { validateLinkUrl } from './external-url'

/** Where a claim comes from: a study, a guideline or a textbook, with a link when there is one. */
export function citationFields({ required }: { required: boolean }): Field[] {
  return [
    {
      name: 'source',
      type: 'text',
      required,
      maxLength: 400,
      admin: { description: 'e.g. "Krystal JH et al. Ketamine: A Paradigm Shift for Depression Research and Treatment. Neuron, 2019."' },
    },
    {
      name: 'url',
      type: 'text',
      maxLength: 2048,
      admin: { description: 'A link to the source (https://…), such as a DOI or PubMed page.' },
      validate: (value: unknown) => validateLinkUrl(value, { allowContactLinks: false }),
    },
  ]
}
