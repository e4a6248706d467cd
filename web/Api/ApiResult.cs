namespace Backoffice.Web.Api;

/// <summary>Either a value or the problem the API answered with; pages branch on it instead of catching exceptions.</summary>
public sealed record ApiResult<T>(T? Value, Problem? Problem, string? ETag = null)
{
    public bool Ok => Problem is null;

    public static ApiResult<T> Success(T value, string? etag = null) => new(value, null, etag);

    public static ApiResult<T> Failure(Problem problem) => new(default, problem);
}
