from rest_framework.permissions import SAFE_METHODS, BasePermission


class RulesPermission(BasePermission):
    """Reads follow each queryset's `visible_to(user)`; writes ask the same django-rules
    permissions as the pages. A view names them in `write_perms = {action: perm}`."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS or not hasattr(view, request.method.lower()):
            return True  # a method the address does not take: the view answers 405
        action = getattr(view, "action", None)  # the API's root has no actions
        perm = getattr(view, "write_perms", {}).get(action)
        if perm is None:
            return False
        if getattr(view, "detail", False) or action in {"update", "partial_update", "destroy"}:
            return request.user.is_authenticated
        return request.user.has_perm(perm)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        perm = getattr(view, "write_perms", {}).get(getattr(view, "action", None))
        return perm is not None and request.user.has_perm(perm, obj)
