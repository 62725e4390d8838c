import { type ASTNode, GraphQLError, Kind, type ValidationContext, type ValidationRule } from 'graphql'

/**
 * Refuses GraphQL operations nested deeper than `maxDepth` fields (fragments followed), before
 * anything runs: a deep query through relationships would otherwise fan out into many reads.
 */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map(
      context.getDocument().definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
    )
    const depthOf = (node: ASTNode, depth: number, seen: Set<string>): number => {
      if (depth > maxDepth) return depth
      switch (node.kind) {
        case Kind.OPERATION_DEFINITION:
        case Kind.FRAGMENT_DEFINITION:
        case Kind.INLINE_FRAGMENT:
          return Math.max(0, ...node.selectionSet.selections.map((selection) => depthOf(selection, depth, seen)))
        case Kind.FIELD:
          if (!node.selectionSet) return depth + 1
          return Math.max(depth + 1, ...node.selectionSet.selections.map((selection) => depthOf(selection, depth + 1, seen)))
        case Kind.FRAGMENT_SPREAD: {
          const fragment = fragments.get(node.name.value)
          if (!fragment || seen.has(node.name.value)) return depth
          return depthOf(fragment, depth, new Set([...seen, node.name.value]))
        }
        default:
          return depth
      }
    }
    return {
      OperationDefinition(node) {
        const depth = depthOf(node, 0, new Set())
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`The query is nested more than ${maxDepth} levels deep (GRAPHQL_MAX_DEPTH); ask for less, or in several queries.`, { nodes: [node] }),
          )
        }
      },
    }
  }
}
