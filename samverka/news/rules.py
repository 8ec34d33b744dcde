"""Who may do what with news and the newsletter. Who may *see* a post is
`Post.objects.visible_to(user)`.

- Officials of any office and administrators write and publish news posts (the
  municipality's news, and posts that lift an association's initiative) and compose and
  send newsletters.
- Subscribing and unsubscribing need no account: the e-mailed links are the key."""

import rules

from samverka.accounts.rules import is_administrator, is_official

rules.add_perm("news.add_post", is_official | is_administrator)
rules.add_perm("news.change_post", is_official | is_administrator)
rules.add_perm("news.delete_post", is_administrator)
rules.add_perm("news.add_newsletter", is_official | is_administrator)
rules.add_perm("news.change_newsletter", is_official | is_administrator)
rules.add_perm("news.send_newsletter", is_official | is_administrator)
rules.add_perm("news.view_newsletter", is_official | is_administrator)
