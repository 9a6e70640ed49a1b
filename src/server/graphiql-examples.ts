// What GraphiQL opens with: questions an analyst asks of the seed knowledge.
export const graphiqlExamples = /* GraphQL */ `# Provenance knowledge base: ask what is known, and who said it.
query Claims {
  claims(first: 5) {
    totalCount
    edges {
      node {
        key
        statement
        modality
        attributions(first: 3) {
          edges { node { agent { name } quotation span { start end } source { title } } }
        }
      }
    }
  }
}
`;
