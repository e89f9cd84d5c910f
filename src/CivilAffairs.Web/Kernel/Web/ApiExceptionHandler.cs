using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Registry.Features;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Kernel.Web;

/// <summary>
/// Maps business exceptions thrown by API handlers to RFC 9457 problem details with zh-CN messages.
/// Applied as an endpoint filter on the /api/v1 group, so every endpoint answers the same way.
/// </summary>
public static class ApiProblems
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (ToProblem(e) is { } problem)
        {
            return new ProblemResult(problem);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CivilAffairs.Api")
                .LogError(e, "Unhandled error in {Method} {Path}", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return new ProblemResult(new ProblemDetails { Status = 500, Title = "服务器内部错误", Detail = "系统处理请求时出错，已记录日志，未保存任何数据。请稍后重试或联系管理员。" });
        }
    }

    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        ValidationFailedException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = 400, Title = "提交的内容有误", Detail = string.Join("；", v.Errors.SelectMany(e => e.Value)),
        },
        DomainException d => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [d.Field ?? ""] = [d.Message] })
        {
            Status = 400, Title = "操作被拒绝", Detail = d.Message,
        },
        ImportRejectedException i => new ProblemDetails { Status = 400, Title = "导入被拒绝", Detail = i.Message },
        NotFoundException n => new ProblemDetails { Status = 404, Title = "未找到", Detail = n.Message },
        ForbiddenException f => new ProblemDetails { Status = 403, Title = "无权操作", Detail = f.Message },
        StaleEditException s => new ProblemDetails { Status = 409, Title = "数据已被修改", Detail = s.Message },
        _ => null,
    };

    private sealed class ProblemResult(ProblemDetails problem) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            problem.Instance = http.Request.Path;
            problem.Extensions["traceId"] = http.TraceIdentifier;
            http.Response.StatusCode = problem.Status!.Value;
            return http.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json");
        }
    }
}
