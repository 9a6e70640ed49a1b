import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { InputValidationError, type StandardSchemaV1 } from '@pothos/plugin-validation';
import { dateProblem, MAX_NESTING, textProblem } from '../rules/values';

/** Every string and date anywhere in `value` that cannot be stored, with its path (JSON arguments too). */
function valueIssues(value: unknown, path: (string | number)[], issues: StandardSchemaV1.Issue[]) {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) issues.push({ message: problem, path });
  } else if (value instanceof Date) {
    const problem = dateProblem(value);
    if (problem) issues.push({ message: problem, path });
  } else if (value !== null && typeof value === 'object') {
    if (path.length > MAX_NESTING) {
      issues.push({ message: `nests deeper than ${MAX_NESTING} levels`, path });
      return;
    }
    for (const [key, item] of Object.entries(value)) valueIssues(item, [...path, key], issues);
  }
}

/**
 * Applies the rules on stored values (src/rules/values.ts) to every argument of every field: text
 * without NUL or lone surrogates, dates in the supported years (lengths are the bundle's, and the
 * body limit's, to judge). A breach is an
 * InputValidationError naming the argument, a typed result where the field's union offers it. The
 * validation plugin checks only the arguments given a schema; this checks all of them, and runs first.
 */
class InputRulesPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>) {
    if (Object.keys(fieldConfig.args).length === 0) return fieldConfig;
    const check = (args: Record<string, unknown>) => {
      const issues: StandardSchemaV1.Issue[] = [];
      for (const [name, value] of Object.entries(args)) valueIssues(value, [name], issues);
      if (issues.length) throw new InputValidationError({ issues });
      return args;
    };
    return { ...fieldConfig, argMappers: [check, ...fieldConfig.argMappers] };
  }
}

const pluginName = 'inputRules';
SchemaBuilder.registerPlugin(pluginName, InputRulesPlugin);
export default pluginName;

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      inputRules: InputRulesPlugin<Types>;
    }
  }
}
