from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from samverka.communication.services import queue_message


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """allauth's messages (verification, password reset) go through the outbox too."""
        message = self.render_mail(template_prefix, email, context)
        html = next((body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"), "")
        queue_message(channel="email", to=email, subject=message.subject, body_text=message.body,
                      body_html=html)

    def get_client_ip(self, request):
        # TrustedProxyMiddleware has already put the client's address here.
        return request.META.get("REMOTE_ADDR", "")



class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Identity providers (OpenID Connect) sign people in; names come from their claims."""

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.first_name = (data.get("first_name") or "")[:100]
        user.last_name = (data.get("last_name") or "")[:100]
        return user
