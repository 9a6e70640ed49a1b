import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Lexer,
  type ParseOptions,
  parse,
  Source,
  TokenKind,
  type ValidationRule,
  validate,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { refusal } from './refusal';

/** What a document may hold; each is refused before the document is validated, at a cost linear in its size. */
const DOCUMENT_LIMITS = {
  /** Lexical tokens: GraphiQL's whole example document holds about 500. */
  tokens: 4_000,
  /** Brackets open at once ({ [ and ( together). */
  nesting: 64,
  /** Fields selected, counted in the document as written. */
  fields: 400,
  aliases: 30,
  directives: 50,
  /** Fields nested in fields, fragments flattened (introspection aside). */
  depth: 12,
};
type DocumentLimits = typeof DOCUMENT_LIMITS;

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Counts the tokens and the bracket nesting with graphql-js's own lexer, before its parser runs.
 * Written here because the parser is recursive: about 2,000 nested brackets overflow the stack (an
 * HTTP 500), and its `maxTokens` option counts only as it descends. The lexer is a loop, and stops at
 * the first token over a limit, so a refusal costs no more than the limit.
 */
function lexicalRefusal(text: string, limits: DocumentLimits): GraphQLError | undefined {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  let nesting = 0;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
    if (++tokens > limits.tokens)
      return refusal('QUERY_TOO_LARGE', `the document holds more than ${limits.tokens} tokens`);
    if (OPENING.has(token.kind) && ++nesting > limits.nesting)
      return refusal('QUERY_TOO_DEEP', `the document nests more than ${limits.nesting} brackets`);
    if (CLOSING.has(token.kind)) nesting--;
  }
  return undefined;
}

/** GraphQL Armor reports a refusal as "Syntax Error: ..." with no code; this one says what was refused. */
const armorRefusal = (code: string) => (_context: unknown, error: GraphQLError) => {
  throw refusal(code, error.message.replace(/^Syntax Error: /, ''));
};

const fieldsRule =
  (max: number): ValidationRule =>
  () => {
    let fields = 0;
    return {
      Field() {
        if (++fields > max) throw refusal('QUERY_TOO_WIDE', `the document selects more than ${max} fields`);
      },
    };
  };

/**
 * The shape limits, as validation rules of their own run before graphql-js's: its rule for
 * overlapping fields compares the fields of one name pairwise, so that 5,000 tokens of one repeated
 * field took a second to validate.
 */
function shapeRefusal(schema: GraphQLSchema, document: DocumentNode, limits: DocumentLimits) {
  const options = { exposeLimits: true, propagateOnRejection: false };
  try {
    validate(schema, document, [
      fieldsRule(limits.fields),
      maxAliasesRule({ ...options, n: limits.aliases, onReject: [armorRefusal('TOO_MANY_ALIASES')] }),
      maxDirectivesRule({ ...options, n: limits.directives, onReject: [armorRefusal('TOO_MANY_DIRECTIVES')] }),
      maxDepthRule({
        ...options,
        n: limits.depth,
        flattenFragments: true,
        onReject: [armorRefusal('QUERY_TOO_DEEP')],
      }),
    ]);
    return undefined;
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code) return error;
    throw error;
  }
}

/** Refuses documents over DOCUMENT_LIMITS while parsing and before validating them. */
export function useDocumentLimits(limits: DocumentLimits = DOCUMENT_LIMITS): Plugin {
  // Yoga's parser cache hands back the same document for the same text, and a document's shape is
  // its own: judged once, not on every request (it was the largest cost a cheap request paid).
  const judged = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, GraphQLError | null>>();
  const judge = (schema: GraphQLSchema, document: DocumentNode) => {
    let bySchema = judged.get(schema);
    if (!bySchema) judged.set(schema, (bySchema = new WeakMap()));
    let refused = bySchema.get(document);
    if (refused === undefined) bySchema.set(document, (refused = shapeRefusal(schema, document, limits) ?? null));
    return refused;
  };
  return {
    onParse({ setParseFn }) {
      setParseFn((source: string | Source, options?: ParseOptions) => {
        const text = typeof source === 'string' ? source : source.body;
        const refused = lexicalRefusal(text, limits);
        if (refused) throw refused;
        return parse(source, options);
      });
    },
    onValidate({ params, setResult }) {
      // envelop types the parameters as `any`; these are graphql-js's.
      const { schema, documentAST } = params as { schema: GraphQLSchema; documentAST: DocumentNode };
      const refused = judge(schema, documentAST);
      if (refused) setResult([refused]);
    },
  };
}
