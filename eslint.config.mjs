// One lint configuration for every workspace package; each package runs `eslint .` from its root.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/plan/**", "**/.nx/**", "**/coverage/**", "**/.fixture-*/**", "**/.type-check-*/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // CommonJS that runs before any TypeScript can (a loader given to `node --require`).
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "readonly", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
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
