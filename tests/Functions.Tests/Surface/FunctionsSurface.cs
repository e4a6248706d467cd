using Backoffice.Functions.Tests.CompileCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backoffice.Functions.Tests.Surface;

/// <summary>One [Function] method of functions/: its name, its trigger attribute, and where it is.</summary>
internal sealed record FunctionDeclaration(string Name, string Trigger, AttributeSyntax TriggerAttribute, MethodDeclarationSyntax Method, SemanticModel Model)
{
    public string? Argument(int position) => TriggerAttribute.ArgumentList?.Arguments
        .Where(a => a.NameEquals is null).Skip(position).FirstOrDefault() is { } arg ? FunctionsSurface.Constant(arg.Expression, Model) : null;

    public string? Named(string name) => TriggerAttribute.ArgumentList?.Arguments
        .FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == name) is { } arg ? FunctionsSurface.Constant(arg.Expression, Model) : null;

    /// <summary>The calls the method makes to <paramref name="member"/> (e.g. <c>api.RunAsync(...)</c>).</summary>
    public IEnumerable<InvocationExpressionSyntax> Calls(string member) => Method.DescendantNodes().OfType<InvocationExpressionSyntax>()
        .Where(i => i.Expression is MemberAccessExpressionSyntax m && m.Name.Identifier.Text == member);
}

/// <summary>An HTTP route a function serves: method and the full path pattern (route prefix "api" included).</summary>
internal sealed record HttpRoute(string Method, string Pattern)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>functions/ read with Roslyn: the declared functions, their triggers and arguments (constants resolved).</summary>
internal sealed class FunctionsSurface
{
    public const string RoutePrefix = "api";
    private static readonly string[] Triggers = ["HttpTrigger", "ActivityTrigger", "OrchestrationTrigger", "TimerTrigger", "ServiceBusTrigger", "QueueTrigger"];
    private static readonly Lazy<FunctionsSurface> Loaded = new(() => new FunctionsSurface(FunctionsCompilation.Functions()));

    private FunctionsSurface(CSharpCompilation compilation)
    {
        Compilation = compilation;
        var functions = new List<FunctionDeclaration>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var function = method.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => Is(a, "Function"));
                if (function?.ArgumentList?.Arguments.FirstOrDefault() is not { } nameArgument)
                {
                    continue;
                }

                var trigger = method.ParameterList.Parameters.SelectMany(p => p.AttributeLists).SelectMany(l => l.Attributes)
                    .FirstOrDefault(a => Triggers.Any(t => Is(a, t)));
                functions.Add(new FunctionDeclaration(
                    Constant(nameArgument.Expression, model) ?? throw new InvalidOperationException($"The name of {method.Identifier} is not a constant."),
                    trigger is null ? "none" : Triggers.First(t => Is(trigger, t)),
                    trigger!,
                    method,
                    model));
            }
        }

        Functions = functions;
    }

    public static FunctionsSurface Current => Loaded.Value;

    /// <summary>Reads functions/ afresh (after it was regenerated).</summary>
    public static FunctionsSurface Load() => new(FunctionsCompilation.Functions());

    public CSharpCompilation Compilation { get; }

    public IReadOnlyList<FunctionDeclaration> Functions { get; }

    public IEnumerable<FunctionDeclaration> WithTrigger(string trigger) => Functions.Where(f => f.Trigger == trigger);

    public IEnumerable<(HttpRoute Route, FunctionDeclaration Function)> HttpRoutes() =>
        from f in WithTrigger("HttpTrigger")
        from method in f.TriggerAttribute.ArgumentList!.Arguments.Where(a => a.NameEquals is null).Skip(1)
            .Select(a => Constant(a.Expression, f.Model)!.ToUpperInvariant())
        select (new HttpRoute(method, "/" + RoutePrefix + "/" + (f.Named("Route") ?? f.Name).Trim('/')), f);

    public static string? Constant(ExpressionSyntax expression, SemanticModel model) =>
        model.GetConstantValue(expression) is { HasValue: true, Value: string value } ? value
        : expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText
        : null;

    private static bool Is(AttributeSyntax attribute, string name)
    {
        var text = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.Text,
            SimpleNameSyntax s => s.Identifier.Text,
            _ => attribute.Name.ToString(),
        };
        return text == name || text == name + "Attribute";
    }
}
