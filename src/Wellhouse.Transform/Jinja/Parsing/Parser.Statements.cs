using Wellhouse.Transform.Jinja.Ast;
using Wellhouse.Transform.Jinja.Lexing;

namespace Wellhouse.Transform.Jinja.Parsing;

internal sealed partial class Parser
{
    private IfNode ParseIf(Token tag)
    {
        var branches = new List<(Expr, IReadOnlyList<Node>)>();
        List<Node>? otherwise = null;
        var test = ParseTuple(withCondExpr: false);
        while (true)
        {
            Expect(TokenKind.BlockEnd);
            var body = ParseBody(["elif", "else", "endif"], "if", out var end);
            branches.Add((test, body));
            if (end == "elif")
            {
                test = ParseTuple(withCondExpr: false);
                continue;
            }

            if (end == "else")
            {
                Expect(TokenKind.BlockEnd);
                otherwise = ParseBody(["endif"], "if", out _);
            }

            Expect(TokenKind.BlockEnd);
            return new IfNode(branches, otherwise, SpanOf(tag));
        }
    }

    private ForNode ParseFor(Token tag)
    {
        var target = ParseAssignTarget(withNamespace: false);
        if (!AcceptName("in"))
        {
            throw Error($"expected token 'in', got {Current.Describe()}", Current);
        }

        var iterable = ParseTuple(withCondExpr: false, extraEnd: "recursive");
        Expr? filter = null;
        if (AcceptName("if"))
        {
            filter = ParseExpression(withCondExpr: true);
        }

        var recursive = AcceptName("recursive");
        Expect(TokenKind.BlockEnd);
        loopDepth++;
        var body = ParseBody(["endfor", "else"], "for", out var end);
        loopDepth--;
        List<Node>? otherwise = null;
        if (end == "else")
        {
            Expect(TokenKind.BlockEnd);
            otherwise = ParseBody(["endfor"], "for", out _);
        }

        Expect(TokenKind.BlockEnd);
        return new ForNode(target, iterable, filter, body, otherwise, recursive, SpanOf(tag));
    }

    private Node ParseSet(Token tag)
    {
        var target = ParseAssignTarget(withNamespace: true);
        if (Accept(TokenKind.Assign))
        {
            var value = ParseTuple(withCondExpr: true);
            Expect(TokenKind.BlockEnd);
            return new SetNode(target, value, SpanOf(tag));
        }

        var filters = Current.Kind == TokenKind.Pipe ? ParseFilterChain() : [];
        Expect(TokenKind.BlockEnd);
        var body = ParseBody(["endset"], "set", out _);
        Expect(TokenKind.BlockEnd);
        return new BlockSetNode(target, filters, body, SpanOf(tag));
    }

    private MacroNode ParseMacro(Token tag, string kind, string endTag, string prefix)
    {
        var nameToken = Current;
        var name = prefix + ExpectName();
        var (parameters, defaults) = ParseSignature();
        Expect(TokenKind.BlockEnd);
        var definition = new MacroDefinition(name, parameters, defaults, SpanOf(nameToken));
        var topLevel = blockDepth == 1;
        var outerLoops = loopDepth;
        loopDepth = 0;
        macros.Push(definition);
        definition.Body = ParseBody([endTag], kind, out _);
        macros.Pop();
        definition.UsesVarargs &= !parameters.Contains("varargs");
        definition.UsesKwargs &= !parameters.Contains("kwargs");
        loopDepth = outerLoops;
        if (Current.Kind == TokenKind.Name)
        {
            pos++;
        }

        Expect(TokenKind.BlockEnd);
        if (topLevel)
        {
            Macros.Add(new JinjaMacro(definition, file));
        }

        return new MacroNode(definition, SpanOf(tag));
    }

    private (List<string> Names, List<Expr?> Defaults) ParseSignature()
    {
        var names = new List<string>();
        var defaults = new List<Expr?>();
        Expect(TokenKind.LParen);
        while (Current.Kind != TokenKind.RParen)
        {
            if (names.Count > 0)
            {
                Expect(TokenKind.Comma);
            }

            var nameToken = Current;
            names.Add(ExpectName());
            if (Accept(TokenKind.Assign))
            {
                defaults.Add(ParseExpression(withCondExpr: true));
            }
            else if (defaults.Count > 0 && defaults[^1] is not null)
            {
                throw Error("non-default argument follows default argument", nameToken);
            }
            else
            {
                defaults.Add(null);
            }
        }

        Expect(TokenKind.RParen);
        return (names, defaults);
    }

    private CallBlockNode ParseCallBlock(Token tag)
    {
        var (parameters, defaults) = Current.Kind == TokenKind.LParen ? ParseSignature() : ([], []);
        var callToken = Current;
        if (ParseExpression(withCondExpr: true) is not CallExpr call)
        {
            throw Error("expected call", callToken);
        }

        Expect(TokenKind.BlockEnd);
        var caller = new MacroDefinition("caller", parameters, defaults, SpanOf(tag)) { Anonymous = true };
        var outerLoops = loopDepth;
        loopDepth = 0;
        macros.Push(caller);
        caller.Body = ParseBody(["endcall"], "call", out _);
        macros.Pop();
        loopDepth = outerLoops;
        Expect(TokenKind.BlockEnd);
        return new CallBlockNode(call, caller, SpanOf(tag));
    }

    private FilterBlockNode ParseFilterBlock(Token tag)
    {
        var filters = ParseFilterChain(startWithPipe: false);
        Expect(TokenKind.BlockEnd);
        var body = ParseBody(["endfilter"], "filter", out _);
        Expect(TokenKind.BlockEnd);
        return new FilterBlockNode(filters, body, SpanOf(tag));
    }

    private WithNode ParseWith(Token tag)
    {
        var assignments = new List<(AssignTarget, Expr)>();
        while (Current.Kind != TokenKind.BlockEnd)
        {
            if (assignments.Count > 0)
            {
                Expect(TokenKind.Comma);
            }

            var target = ParseAssignTarget(withNamespace: false);
            Expect(TokenKind.Assign);
            assignments.Add((target, ParseExpression(withCondExpr: true)));
        }

        Expect(TokenKind.BlockEnd);
        var body = ParseBody(["endwith"], "with", out _);
        Expect(TokenKind.BlockEnd);
        return new WithNode(assignments, body, SpanOf(tag));
    }

    private DoNode ParseDo(Token tag)
    {
        var expr = ParseTuple(withCondExpr: true);
        Expect(TokenKind.BlockEnd);
        return new DoNode(expr, SpanOf(tag));
    }

    private LoopControlNode ParseLoopControl(Token tag)
    {
        if (loopDepth == 0)
        {
            throw Error($"'{tag.Value}' outside of a loop", tag);
        }

        Expect(TokenKind.BlockEnd);
        return new LoopControlNode(tag.Value == "break" ? Flow.Break : Flow.Continue, SpanOf(tag));
    }

    /// <summary>dbt's docs block: the body is kept as source text, exactly, up to <c>{% enddocs %}</c>.</summary>
    private NoOutputNode ParseDocs(Token tag)
    {
        var nameToken = Current;
        var name = ExpectName();
        var open = Expect(TokenKind.BlockEnd);
        while (true)
        {
            if (Current.Kind == TokenKind.Eof)
            {
                throw Error("Unexpected end of template. Jinja was looking for the following tags: 'enddocs'. The innermost block that needs to be closed is 'docs'.", Current);
            }

            if (Current.Kind == TokenKind.BlockBegin && Peek().IsName("enddocs"))
            {
                var body = lexed.Source[open.End..Current.Start];
                pos += 2;
                Expect(TokenKind.BlockEnd);
                DocsBlocks.Add(new JinjaDocsBlock(name, body, SpanOf(nameToken)));
                return new NoOutputNode(SpanOf(tag));
            }

            pos++;
        }
    }

    /// <summary>
    /// dbt's custom materialization block, <c>{% materialization name, adapter='duckdb' %}</c> (or <c>, default</c>;
    /// optionally <c>supported_languages=[...]</c>), as dbt-common's MaterializationExtension reads it: a top-level
    /// macro named <c>materialization_&lt;name&gt;_&lt;adapter&gt;</c> whose one parameter, <c>supported_languages</c>,
    /// defaults to the given list (<c>['sql']</c> when none is given).
    /// </summary>
    private MacroNode ParseMaterialization(Token tag)
    {
        var nameToken = Current;
        var name = ExpectName();
        var adapter = "default";
        Expr? languages = null;
        while (Accept(TokenKind.Comma))
        {
            var argument = Current;
            switch (ExpectName())
            {
                case "default":
                    break;
                case "adapter":
                    Expect(TokenKind.Assign);
                    adapter = ParseExpression(withCondExpr: false) is ConstExpr { Value: string value }
                        ? value
                        : throw Error($"materialization '{name}': adapter must be a quoted name", argument);
                    break;
                case "supported_languages":
                    Expect(TokenKind.Assign);
                    languages = ParseExpression(withCondExpr: false);
                    break;
                default:
                    throw Error($"materialization '{name}' takes no argument '{argument.Value}' (dbt's are adapter, default and supported_languages)", argument);
            }
        }

        Expect(TokenKind.BlockEnd);
        var span = SpanOf(nameToken);
        languages ??= new ListExpr([new ConstExpr("sql", span)], tuple: false, span);
        var definition = new MacroDefinition($"materialization_{name}_{adapter}", ["supported_languages"], [languages], span);
        var topLevel = blockDepth == 1;
        var outerLoops = loopDepth;
        loopDepth = 0;
        macros.Push(definition);
        definition.Body = ParseBody(["endmaterialization"], "materialization", out _);
        macros.Pop();
        loopDepth = outerLoops;
        Expect(TokenKind.BlockEnd);
        if (topLevel)
        {
            var macro = new JinjaMacro(definition, file);
            Macros.Add(macro);
            Materializations.Add(new JinjaMaterializationBlock(name, adapter, Languages(languages), macro, span));
        }

        return new MacroNode(definition, SpanOf(tag));
    }

    /// <summary>The literal strings of a <c>supported_languages</c> list (dbt reads them at parse time).</summary>
    private static IReadOnlyList<string> Languages(Expr languages) =>
        languages is ListExpr list ? [.. list.Items.OfType<ConstExpr>().Select(c => c.Value).OfType<string>()] : [];

    private AssignTarget ParseAssignTarget(bool withNamespace)
    {
        var first = Current;
        if (withNamespace && first.Kind == TokenKind.Name && Peek().Kind == TokenKind.Dot && Peek(2).Kind == TokenKind.Name)
        {
            pos += 2;
            var attribute = Advance().Value;
            return new AssignTarget(first.Value, attribute, null, SpanOf(first));
        }

        var items = new List<AssignTarget>();
        var isTuple = false;
        while (true)
        {
            items.Add(ParseTargetPrimary());
            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            isTuple = true;
            pos++;
            if (Current.Kind != TokenKind.Name && Current.Kind != TokenKind.LParen)
            {
                break;
            }
        }

        return isTuple ? new AssignTarget(null, null, items, SpanOf(first)) : items[0];
    }

    private AssignTarget ParseTargetPrimary()
    {
        var token = Current;
        if (Accept(TokenKind.LParen))
        {
            var inner = ParseAssignTarget(withNamespace: false);
            Expect(TokenKind.RParen);
            return inner;
        }

        if (token.Kind != TokenKind.Name || token.Value is "true" or "false" or "none" or "True" or "False" or "None")
        {
            throw Error($"can't assign to {token.Describe()}", token);
        }

        pos++;
        return new AssignTarget(token.Value, null, null, SpanOf(token));
    }
}
