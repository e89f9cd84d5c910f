using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CivilAffairs.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "出错了";
    public string Message { get; private set; } = "系统处理请求时出错，已记录日志。请稍后重试或联系管理员。";

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        switch (code)
        {
            case 404:
                Title = "未找到";
                Message = "记录不存在或不在您的管辖范围内。";
                break;
            case 403:
                Title = "无权访问";
                Message = "您的角色无权执行此操作。";
                break;
            case 400:
                Title = "请求无效";
                Message = "请求无效（例如表单已过期），请返回后刷新页面重试。";
                break;
            case 429:
                Title = "请求过于频繁";
                Message = "请稍后再试。";
                break;
        }
    }
}
