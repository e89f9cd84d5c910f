using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Registry.Features;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Kernel.Web;

/// <summary>Maps business exceptions to RFC 9457 problem details with zh-CN messages (API requests only).</summary>
public sealed class ApiExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!http.Request.Path.StartsWithSegments("/api")) return false;
        ProblemDetails? problem = exception switch
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
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = "请求格式不正确", Detail = "请求内容无法解析：" + b.Message },
            _ => null,
        };
        if (problem is null) return false;
        problem.Instance = http.Request.Path;
        problem.Extensions["traceId"] = http.TraceIdentifier;
        http.Response.StatusCode = problem.Status!.Value;
        await http.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json", ct);
        return true;
    }
}
