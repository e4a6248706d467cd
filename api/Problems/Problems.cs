using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Backoffice.Api.Problems;

/// <summary>RFC 9457 problem responses with stable <c>type</c> URIs, so clients can branch on them.</summary>
public static class Problems
{
    private const string TypeBase = "https://backoffice.example/problems/";

    public static IResult Validation(IDictionary<string, string[]> errors, int status = StatusCodes.Status422UnprocessableEntity) =>
        Results.Problem(new ValidationProblemDetails(errors)
        {
            Type = TypeBase + "validation",
            Title = "The request has invalid fields.",
            Status = status,
        });

    public static IResult MalformedJson(string detail) =>
        Results.Problem(new ValidationProblemDetails(new Dictionary<string, string[]> { ["$"] = [detail] })
        {
            Type = TypeBase + "malformed-json",
            Title = "The body is not valid JSON of the expected shape.",
            Status = StatusCodes.Status400BadRequest,
        });

    public static IResult Of(int status, string type, string title, string? detail = null) =>
        Results.Problem(new ProblemDetails { Type = TypeBase + type, Title = title, Detail = detail, Status = status });

    public static IResult Signature(string detail) => Of(StatusCodes.Status401Unauthorized, "bad-signature", "The webhook signature is missing or wrong.", detail);

    public static IResult UnknownMerchant() => Of(StatusCodes.Status404NotFound, "unknown-merchant", "No such merchant.");

    public static IResult TooLarge(long limit) => Of(StatusCodes.Status413PayloadTooLarge, "too-large", "The body is too large.", $"The limit is {limit} bytes.");

    public static IResult NotFound(string what) => Of(StatusCodes.Status404NotFound, "not-found", $"No such {what}.");

    public static IResult Conflict(string code, string message, object? state = null) =>
        Results.Problem(new ProblemDetails
        {
            Type = TypeBase + code,
            Title = "The order's state does not allow this.",
            Detail = message,
            Status = StatusCodes.Status409Conflict,
            Extensions = { ["code"] = code, ["order"] = state },
        });

    public static IResult Stale(string message, object? state) =>
        Results.Problem(new ProblemDetails
        {
            Type = TypeBase + "stale-version",
            Title = "Someone changed the order since you loaded it.",
            Detail = message,
            Status = StatusCodes.Status412PreconditionFailed,
            Extensions = { ["order"] = state },
        });

    public static IResult UnsupportedMediaType() =>
        Of(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send application/json.");
}
