// One lint configuration for every workspace package; each package runs `eslint .` from its root.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/plan/**", "**/.nx/**", "**/coverage/**", "**/.fixture-*/**", "**/.type-check-*/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='getOutput'][arguments.0.type='Literal']",
          message: "Read upstream stacks only through their typed contract reader, never getOutput(\"name\").",
        },
      ],
    },
  },
);
