// Generated from the backend's OpenAPI by scripts/api-types.mjs: do not edit by hand.
// Regenerate with `npm run api:types`; make test fails when it is stale.

export interface paths {
  '/api/analytics/overview': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Overview
     * @description Totals, per-platform numbers, follower trends, posts per day and top posts of the
     *     workspace, by days of the caller's time zone.
     */
    get: operations['overview_api_analytics_overview_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/analytics/platforms': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Platforms
     * @description Per-platform breakdown (Business).
     */
    get: operations['platforms_api_analytics_platforms_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/analytics/posts': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Post Table
     * @description Published platform posts of the range with their latest numbers (Pro and up).
     */
    get: operations['post_table_api_analytics_posts_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/analytics/posts.csv': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Posts Csv
     * @description The post table as CSV (Business).
     */
    get: operations['posts_csv_api_analytics_posts_csv_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/analytics/posts/{post_id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Post Performance
     * @description One post: each platform's latest numbers and every snapshot since publishing.
     */
    get: operations['post_performance_api_analytics_posts__post_id__get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/analytics/refresh': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Refresh Now
     * @description Fetch the workspace's follower counts and recent posts' numbers now (once per 5 minutes
     *     per workspace). Any member may: it changes no content, only how fresh the numbers are.
     */
    post: operations['refresh_now_api_analytics_refresh_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/login': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Login
     * @description Exchange e-mail and password for an access token and a refresh token.
     */
    post: operations['login_api_auth_login_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/logout': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Logout
     * @description End the session of this refresh token (body or cookie).
     */
    post: operations['logout_api_auth_logout_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/me': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Me
     * @description The logged-in user.
     */
    get: operations['me_api_auth_me_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    /**
     * Update Me
     * @description Change name, time zone or brand voice.
     */
    patch: operations['update_me_api_auth_me_patch']
    trace?: never
  }
  '/api/auth/password': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Change Password
     * @description Change the password; every other session is logged out, this one gets new tokens.
     */
    post: operations['change_password_api_auth_password_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/password-reset/confirm': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Confirm Reset
     * @description Set a new password with the token from the reset e-mail; all sessions end.
     */
    post: operations['confirm_reset_api_auth_password_reset_confirm_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/password-reset/request': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Request Reset
     * @description E-mail a reset link if the account exists; the answer is the same either way.
     *
     *     A few per address per hour: past that nothing more is sent (the answer stays the same).
     */
    post: operations['request_reset_api_auth_password_reset_request_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/refresh': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Refresh
     * @description Trade a refresh token (body or cookie) for a new pair; the old one stops working.
     */
    post: operations['refresh_api_auth_refresh_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/register': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Register
     * @description Create an account and log it in; a confirmation e-mail is sent.
     */
    post: operations['register_api_auth_register_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/verify-email': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Verify Email
     * @description Confirm the e-mail address with the token from the confirmation e-mail.
     */
    post: operations['verify_email_api_auth_verify_email_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/auth/verify-email/resend': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Resend Verification
     * @description Send the confirmation e-mail again (at most once a minute).
     */
    post: operations['resend_verification_api_auth_verify_email_resend_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/billing/checkout': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Checkout
     * @description Start a Stripe Checkout for a paid plan; send the browser to `url`.
     */
    post: operations['checkout_api_billing_checkout_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/billing/plans': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Plans
     * @description The plans with prices (cents), limits and features; no login needed.
     */
    get: operations['plans_api_billing_plans_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/billing/portal': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Portal
     * @description A Stripe customer portal link (card, invoices, cancel, switch plan).
     */
    post: operations['portal_api_billing_portal_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/billing/subscription': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Subscription
     * @description The plan in force, its status and renewal, this period's usage against the limits.
     */
    get: operations['subscription_api_billing_subscription_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/invitations/{token}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Invitation Preview
     * @description What an invitation link offers (no sign-in needed); 410 when it no longer works.
     */
    get: operations['invitation_preview_api_invitations__token__get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/invitations/{token}/accept': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Accept Invitation
     * @description Join the workspace, signed in as the invited address (403 otherwise).
     */
    post: operations['accept_invitation_api_invitations__token__accept_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/library': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List Items
     * @description The workspace's drafts and templates, most recently changed first.
     */
    get: operations['list_items_api_library_get']
    put?: never
    /**
     * Create Item
     * @description Save a draft or a template.
     */
    post: operations['create_item_api_library_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/library/{item_id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Get Item
     * @description One item.
     */
    get: operations['get_item_api_library__item_id__get']
    /**
     * Update Item
     * @description Change an item; fields left out keep their values.
     */
    put: operations['update_item_api_library__item_id__put']
    post?: never
    /**
     * Delete Item
     * @description Delete an item.
     */
    delete: operations['delete_item_api_library__item_id__delete']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/library/{item_id}/use': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Use Item
     * @description A new post's starting point from this item, for the editor (POST /api/posts saves it);
     *     editors and up, as writing the post is.
     */
    post: operations['use_item_api_library__item_id__use_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/library/tags': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Tags
     * @description The workspace's tags with how many items carry each.
     */
    get: operations['tags_api_library_tags_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/media': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List Media
     * @description The workspace's media, newest first.
     */
    get: operations['list_media_api_media_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/media/{media_id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Get Media
     * @description One media file, with fresh signed URLs.
     */
    get: operations['get_media_api_media__media_id__get']
    put?: never
    post?: never
    /**
     * Delete Media
     * @description Delete a media file; 409 while a scheduled or publishing post uses it.
     */
    delete: operations['delete_media_api_media__media_id__delete']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/media/import': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Import Media
     * @description Fetch an image or video from a public URL into the workspace's media.
     */
    post: operations['import_media_api_media_import_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/media/uploads': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Reserve Upload
     * @description Reserve a media id for a file about to be uploaded: a post may list it at once but is
     *     refused publishing or scheduling until the upload (`?media_id=`) has finished. Cancel an
     *     upload by deleting the id.
     */
    post: operations['reserve_upload_api_media_uploads_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/notifications': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List Notifications
     * @description Newest first, with the count of unread ones.
     */
    get: operations['list_notifications_api_notifications_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/notifications/{notification_id}/read': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Mark Read
     * @description Mark one as read.
     */
    post: operations['mark_read_api_notifications__notification_id__read_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/notifications/read-all': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Mark All Read
     * @description Mark every notification of this workspace as read.
     */
    post: operations['mark_all_read_api_notifications_read_all_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/optimizer/preview': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Preview
     * @description Each platform's version of unsaved text (the editor, before saving); stores nothing.
     *     Editors and up: Claude's calls are charged to the workspace's plan.
     */
    post: operations['preview_api_optimizer_preview_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List Posts
     * @description The workspace's posts, newest first; filter by status, platform and date range, or
     *     `awaiting_my_approval` (issue 15: none for editors and viewers, who approve nothing).
     */
    get: operations['list_posts_api_posts_get']
    put?: never
    /**
     * Create Post
     * @description A draft post with one variant per target account; with `publish` or `schedule`, also
     *     published or scheduled in the same step: if that is refused, nothing is created. Where
     *     approval is required of the caller, the post is created `pending_approval` instead.
     */
    post: operations['create_post_api_posts_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/{post_id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Get Post
     * @description The post, its per-platform variants and their status, and any problems found.
     */
    get: operations['get_post_api_posts__post_id__get']
    /**
     * Update Post
     * @description Edit the post, its targets, or one variant (an edited variant stays as the user wrote it).
     *
     *     Under approval: an edit of a post approved (or scheduled) but not yet published, by a
     *     member whose posts need approval, sends it back to `pending_approval`; `notice` says so.
     */
    put: operations['update_post_api_posts__post_id__put']
    post?: never
    /**
     * Delete Post
     * @description Delete from Socialflow (not from the platforms); refused while publishing.
     *     `POST /api/posts/restore` undoes it for 24 hours.
     */
    delete: operations['delete_post_api_posts__post_id__delete']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/{post_id}/approve': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Approve
     * @description Approve a post pending approval (admin or owner): it is published now or scheduled for
     *     its time. If that time has passed: 409 `approval_time_passed`; send `publish_now` or a
     *     new `scheduled_for`. Send the `revision` you reviewed: if it was edited since, 409
     *     `post_changed`. Two approvals at once: one takes effect, the other gets a 409.
     */
    post: operations['approve_api_posts__post_id__approve_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/{post_id}/cancel': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Cancel
     * @description Unschedule: waiting targets go back to draft; a post pending approval is withdrawn.
     */
    post: operations['cancel_api_posts__post_id__cancel_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/{post_id}/comments': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List Comments
     * @description The post's comment thread, oldest first (every member, internal notes included).
     */
    get: operations['list_comments_api_posts__post_id__comments_get']
    put?: never
    /**
     * Add Comment
     * @description Comment on a post (any member, viewers too: a comment changes nothing that goes out).
     *     `@ana@example.com` or `@ana` mentions a member, who is notified; `internal`: a note a
     *     client reviewer never sees.
     */
    post: operations['add_comment_api_posts__post_id__comments_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/{post_id}/duplicate': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Duplicate
     * @description A new draft with the same content, targets and variants.
     */
    post: operations['duplicate_api_posts__post_id__duplicate_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/{post_id}/optimize': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Optimize Post
     * @description Rewrite the post for each target platform and store it in the variants (hand-edited
     *     variants stay as they are unless `overwrite_edited`).
     */
    post: operations['optimize_post_api_posts__post_id__optimize_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/{post_id}/publish': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Publish
     * @description Publish now to every target that is not published yet. Where approval is required of
     *     the caller: 202, the post `pending_approval` (approvers are notified).
     */
    post: operations['publish_api_posts__post_id__publish_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/{post_id}/request-changes': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Request Changes
     * @description Send a post pending approval back to draft with a comment (admin or owner); the
     *     author is notified and the comment is in the post's thread.
     */
    post: operations['request_changes_api_posts__post_id__request_changes_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/{post_id}/retry': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Retry
     * @description Try the failed targets again now.
     */
    post: operations['retry_api_posts__post_id__retry_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/{post_id}/review-links': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List Links
     * @description The post's review links (never their tokens), newest first, with any decision.
     */
    get: operations['list_links_api_posts__post_id__review_links_get']
    put?: never
    /**
     * Create Link
     * @description A link for a client (no account) to review this one post: shown once; expires (7 days
     *     unless `expires_in_days`), `DELETE` revokes it. Admin or owner.
     */
    post: operations['create_link_api_posts__post_id__review_links_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/{post_id}/review-links/{link_id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /**
     * Revoke Link
     * @description Revoke a review link: its page answers 410 from now on.
     */
    delete: operations['revoke_link_api_posts__post_id__review_links__link_id__delete']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/{post_id}/schedule': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Schedule
     * @description Schedule or reschedule; a local time is read in the user's time zone. Where approval is
     *     required of the caller: 202, the post `pending_approval` for that time.
     */
    post: operations['schedule_api_posts__post_id__schedule_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/bulk-delete': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Bulk Delete
     * @description Delete several posts at once (all or none); `POST /api/posts/restore` undoes it.
     */
    post: operations['bulk_delete_api_posts_bulk_delete_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/calendar': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Calendar
     * @description Scheduled and published posts between `from` and `to` (at most 92 days).
     */
    get: operations['calendar_api_posts_calendar_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/changes': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Changes
     * @description Posts whose targets changed since `since` (polling form of the live stream).
     *
     *     Pass the previous answer's `now` as `since`. Changes from the 30 s before `since` are
     *     repeated (a change can commit moments after its time stamp); apply each entry when its
     *     `updated_at` is newer than what you have.
     */
    get: operations['changes_api_posts_changes_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/check': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Check
     * @description Length as each platform counts it and every problem, for text not saved yet.
     */
    post: operations['check_api_posts_check_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/events': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Events
     * @description Server-Sent Events: one `post` event per change of the workspace's posts.
     *
     *     EventSource cannot send headers, so the (short-lived) access token and the workspace are
     *     query parameters. The stream ends when the token expires or the caller leaves the
     *     workspace.
     */
    get: operations['events_api_posts_events_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/restore': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Restore
     * @description Undo a delete (within 24 hours): posts come back as they were; one that was scheduled
     *     for a time that has passed meanwhile comes back as a draft.
     */
    post: operations['restore_api_posts_restore_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/posts/upload-media': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Upload Media
     * @description Upload an image or video (multipart field `file`); its type is read from its bytes.
     */
    post: operations['upload_media_api_posts_upload_media_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/review/{token}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Review Page
     * @description The review page for a client (no sign-in): the post as each platform will show it and
     *     the decision form. 404 for an unknown token, 410 when revoked, expired or deleted.
     */
    get: operations['review_page_api_review__token__get']
    put?: never
    /**
     * Review Decision
     * @description The client's decision, posted by the page's form (`decision` approve or
     *     request_changes, `name`, `email`, `comment`, `revision`).
     */
    post: operations['review_decision_api_review__token__post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/social-accounts': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List Accounts
     * @description The user's connected accounts (never their tokens).
     */
    get: operations['list_accounts_api_social_accounts_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/social-accounts/{account_id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /**
     * Disconnect
     * @description Disconnect: revoke at the platform where possible; past posts keep their history.
     */
    delete: operations['disconnect_api_social_accounts__account_id__delete']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/social-accounts/{account_id}/choices': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Add Choices
     * @description Connect some of this login's choices as accounts of their own: the LinkedIn Pages you
     *     administer (your profile stays connected), or more Facebook Pages / Instagram accounts.
     */
    post: operations['add_choices_api_social_accounts__account_id__choices_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/social-accounts/{account_id}/refresh': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Refresh
     * @description Renew the account's access token now.
     */
    post: operations['refresh_api_social_accounts__account_id__refresh_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/social-accounts/{account_id}/select': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Select
     * @description Publish to another of your Facebook Pages / Instagram accounts with this connection.
     */
    post: operations['select_api_social_accounts__account_id__select_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/social-accounts/{account_id}/stats': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Stats
     * @description Followers now and over the last 90 days.
     */
    get: operations['stats_api_social_accounts__account_id__stats_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/social-accounts/{account_id}/tiktok-creator-info': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Tiktok Creator Info
     * @description What this TikTok account may post now: privacy levels to choose from, interactions the
     *     creator turned off, the longest video (for the composer's TikTok settings).
     */
    get: operations['tiktok_creator_info_api_social_accounts__account_id__tiktok_creator_info_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/social-accounts/{account_id}/youtube-playlists': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Youtube Playlists
     * @description The playlists of this YouTube channel, to add a new video to one of them.
     */
    get: operations['youtube_playlists_api_social_accounts__account_id__youtube_playlists_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/social-accounts/connect': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Connect
     * @description Start connecting (or re-connecting) an account: open `authorization_url` in this browser.
     *
     *     The answer sets a cookie that only the callback sees: the connection completes only in
     *     the browser that made this request.
     */
    post: operations['connect_api_social_accounts_connect_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/social-accounts/platforms': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Platforms
     * @description The platforms one can connect, whether each is the built-in sandbox, and what it can do.
     */
    get: operations['platforms_api_social_accounts_platforms_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/webhooks/stripe': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Stripe Webhook
     * @description Stripe events: verified, stored once by id, handled (failures retried later).
     */
    post: operations['stripe_webhook_api_webhooks_stripe_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/workspaces': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List Workspaces
     * @description The workspaces you belong to, with your role in each (the personal one first).
     */
    get: operations['list_workspaces_api_workspaces_get']
    put?: never
    /**
     * Create Workspace
     * @description A new workspace (e.g. one per client), on the Free plan; you are its owner.
     */
    post: operations['create_workspace_api_workspaces_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/workspaces/{workspace_id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** Get Workspace */
    get: operations['get_workspace_api_workspaces__workspace_id__get']
    put?: never
    post?: never
    /**
     * Delete Workspace
     * @description Delete a team workspace with its accounts, posts, media and history (owner only).
     */
    delete: operations['delete_workspace_api_workspaces__workspace_id__delete']
    options?: never
    head?: never
    /**
     * Rename Workspace
     * @description Rename the workspace and/or change its approval settings (admin or owner); only the
     *     fields sent change.
     */
    patch: operations['rename_workspace_api_workspaces__workspace_id__patch']
    trace?: never
  }
  '/api/workspaces/{workspace_id}/activity': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Activity
     * @description Who did what, newest first (admins and the owner).
     */
    get: operations['activity_api_workspaces__workspace_id__activity_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/workspaces/{workspace_id}/invitations': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List Invitations
     * @description Pending invitations (not accepted, revoked or expired).
     */
    get: operations['list_invitations_api_workspaces__workspace_id__invitations_get']
    put?: never
    /**
     * Invite
     * @description Invite by e-mail; the answer's `url` is the link to share another way.
     */
    post: operations['invite_api_workspaces__workspace_id__invitations_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/workspaces/{workspace_id}/invitations/{invitation_id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /** Revoke Invitation */
    delete: operations['revoke_invitation_api_workspaces__workspace_id__invitations__invitation_id__delete']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/workspaces/{workspace_id}/invitations/{invitation_id}/resend': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Resend Invitation
     * @description A new link and 7 more days; the previous link stops working.
     */
    post: operations['resend_invitation_api_workspaces__workspace_id__invitations__invitation_id__resend_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/workspaces/{workspace_id}/members': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** List Members */
    get: operations['list_members_api_workspaces__workspace_id__members_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/workspaces/{workspace_id}/members/{user_id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /**
     * Remove Member
     * @description Remove a member (admins), or leave the workspace (your own id). Effective at once.
     */
    delete: operations['remove_member_api_workspaces__workspace_id__members__user_id__delete']
    options?: never
    head?: never
    /**
     * Update Member
     * @description Change a member's role, or which connected accounts an editor may use.
     */
    patch: operations['update_member_api_workspaces__workspace_id__members__user_id__patch']
    trace?: never
  }
  '/api/workspaces/{workspace_id}/transfer': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Transfer Ownership
     * @description Make another member the owner; you become an admin.
     */
    post: operations['transfer_ownership_api_workspaces__workspace_id__transfer_post']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/healthz': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Healthz
     * @description The process is up.
     */
    get: operations['healthz_healthz_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/readyz': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Readyz
     * @description The database answers and its schema is at the newest migration.
     */
    get: operations['readyz_readyz_get']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export type webhooks = Record<string, never>
export interface components {
  schemas: {
    /** AcceptedOut */
    AcceptedOut: {
      /** Detail */
      detail: string
    }
    /** AccountBrief */
    AccountBrief: {
      /** Avatar Url */
      avatar_url: string | null
      /** Display Name */
      display_name: string | null
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Status */
      status: string
      /** Username */
      username: string | null
    }
    /** AccountOut */
    AccountOut: {
      /**
       * Access Ends At
       * @description When the platform ends access for good unless the user reconnects (no automatic renewal possible); null when there is no such date.
       */
      access_ends_at?: string | null
      /** Avatar Url */
      avatar_url: string | null
      /**
       * Choices
       * @description Facebook Pages / Instagram accounts / a LinkedIn member's profile and Pages to pick from when there are several.
       */
      choices?: components['schemas']['ChoiceOut'][]
      /**
       * Connect Method
       * @description Instagram: how it was connected (through a Facebook Page, or Instagram login); reconnect the same way.
       */
      connect_method?: ('facebook_login' | 'instagram_login') | null
      /**
       * Created At
       * Format: date-time
       */
      created_at: string
      /** Display Name */
      display_name: string | null
      /** Follower Count */
      follower_count: number | null
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Last Synced At */
      last_synced_at: string | null
      /** Platform */
      platform: string
      /** Platform User Id */
      platform_user_id: string
      /** Sandbox */
      sandbox: boolean
      /**
       * Status
       * @enum {string}
       */
      status: 'active' | 'needs_reauth' | 'revoked' | 'paused'
      /** Status Reason */
      status_reason: string | null
      /** Token Expires At */
      token_expires_at: string | null
      /** Username */
      username: string | null
    }
    /** AccountsOut */
    AccountsOut: {
      /** Items */
      items: components['schemas']['AccountOut'][]
    }
    /** ActivityOut */
    ActivityOut: {
      /** Action */
      action: string
      actor: components['schemas']['Actor'] | null
      /**
       * Created At
       * Format: date-time
       */
      created_at: string
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Summary */
      summary: string
      /** Target Id */
      target_id: string | null
      /** Target Type */
      target_type: string | null
    }
    /** ActivityPage */
    ActivityPage: {
      /** Items */
      items: components['schemas']['ActivityOut'][]
      /** Total */
      total: number
    }
    /** Actor */
    Actor: {
      /** Email */
      email: string
      /** Full Name */
      full_name: string | null
      /**
       * Id
       * Format: uuid
       */
      id: string
    }
    /** AddChoicesIn */
    AddChoicesIn: {
      /**
       * Choice Ids
       * @description Choices of this account (e.g. LinkedIn Pages) to connect as accounts of their own; ones already connected are refreshed.
       */
      choice_ids: string[]
    }
    /**
     * ApproveIn
     * @description Approve as submitted; when its time has passed, say what to do instead.
     */
    ApproveIn: {
      /**
       * Fold
       * @default 0
       * @enum {integer}
       */
      fold: 0 | 1
      /**
       * Publish Now
       * @description publish now instead of at its time
       * @default false
       */
      publish_now: boolean
      /**
       * Revision
       * @description the post's revision you reviewed: if it was edited since, 409 post_changed
       */
      revision?: number | null
      /**
       * Scheduled For
       * @description a new time (as in schedule), e.g. when the old one passed
       */
      scheduled_for?: string | null
      /** Timezone */
      timezone?: string | null
    }
    /** CalendarItem */
    CalendarItem: {
      /**
       * At
       * Format: date-time
       */
      at: string
      /** Content */
      content: string
      /**
       * Id
       * Format: uuid
       */
      id: string
      /**
       * Kind
       * @enum {string}
       */
      kind: 'scheduled' | 'published'
      /** Platforms */
      platforms: string[]
      /** Status */
      status: string
      /** Title */
      title: string | null
    }
    /**
     * CheckIn
     * @description Text and media to check against platforms' rules before saving (the editor's counters).
     */
    CheckIn: {
      /**
       * Content
       * @default
       */
      content: string
      /** Media Ids */
      media_ids?: string[]
      /** @description The settings the post will have (thread parts, first comment, post type): checked by the same rules as at publishing. */
      platform_options?: components['schemas']['PlatformOptions']
      /** Platforms */
      platforms: string[]
      /** Title */
      title?: string | null
    }
    /** CheckoutIn */
    CheckoutIn: {
      /**
       * Interval
       * @default month
       * @enum {string}
       */
      interval: 'month' | 'year'
      /**
       * Plan
       * @enum {string}
       */
      plan: 'starter' | 'pro' | 'business'
    }
    /** ChoiceOut */
    ChoiceOut: {
      /** Id */
      id: string
      /** Name */
      name: string | null
    }
    /** CommentAuthor */
    CommentAuthor: {
      /** Email */
      email: string
      /** Full Name */
      full_name: string | null
      /**
       * Id
       * Format: uuid
       */
      id: string
    }
    /** CommentIn */
    CommentIn: {
      /**
       * Internal
       * @description a note for the team only (a client reviewer never sees it)
       * @default false
       */
      internal: boolean
      /**
       * Text
       * @description @name or @e-mail mentions notify members
       */
      text: string
    }
    /** CommentOut */
    CommentOut: {
      author: components['schemas']['CommentAuthor'] | null
      /**
       * Created At
       * Format: date-time
       */
      created_at: string
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Internal */
      internal: boolean
      /**
       * Kind
       * @description comment | changes_requested
       */
      kind: string
      /** Mentions */
      mentions: string[]
      /**
       * Post Id
       * Format: uuid
       */
      post_id: string
      /** Text */
      text: string
    }
    /** CommentsOut */
    CommentsOut: {
      /** Items */
      items: components['schemas']['CommentOut'][]
    }
    /** ConnectIn */
    ConnectIn: {
      /**
       * Account Id
       * @description Re-connect this existing account instead of adding one.
       */
      account_id?: string | null
      /**
       * Method
       * @description Instagram only: facebook_login (default; the account linked to a Facebook Page you manage) or instagram_login (Business Login for Instagram: a professional account with no Facebook Page needed).
       */
      method?: ('facebook_login' | 'instagram_login') | null
      /**
       * Platform
       * @enum {string}
       */
      platform: 'twitter' | 'instagram' | 'tiktok' | 'linkedin' | 'facebook' | 'youtube'
    }
    /** ConnectOut */
    ConnectOut: {
      /** Authorization Url */
      authorization_url: string
    }
    /** DayCount */
    DayCount: {
      /** Count */
      count: number
      /**
       * Date
       * Format: date
       */
      date: string
    }
    /**
     * DraftOut
     * @description What the post editor starts from; POST /api/posts creates the post.
     */
    DraftOut: {
      /** Content */
      content: string
      /**
       * Library Item Id
       * Format: uuid
       */
      library_item_id: string
      /** Media Ids */
      media_ids: string[]
      /** Tags */
      tags: string[]
      /** Title */
      title: string | null
    }
    /**
     * ErrorInfo
     * @description What went wrong: a stable code, a sentence for people, and optional structured details.
     */
    ErrorInfo: {
      /** Code */
      code: string
      /** Details */
      details?: unknown
      /** Message */
      message: string
    }
    /**
     * ErrorResponse
     * @description The one error body every API route answers with.
     */
    ErrorResponse: {
      error: components['schemas']['ErrorInfo']
    }
    /** FacebookOptions */
    FacebookOptions: {
      /**
       * First Comment
       * @description Posted as a comment (X: a reply) right after the post is published.
       */
      first_comment?: string | null
      /** Link */
      link?: string | null
    }
    /**
     * FirstCommentOut
     * @description The first comment (X: the first reply), posted right after the post.
     */
    FirstCommentOut: {
      /** Error */
      error?: string | null
      /** Id */
      id?: string | null
      /** Published At */
      published_at?: string | null
      /**
       * Status
       * @description draft | waiting | pending | sending | published | retry_wait | unknown | failed | skipped; a failed first comment never fails the post
       */
      status: string
      /** Text */
      text: string
      /** Url */
      url?: string | null
    }
    /** FollowerPoint */
    FollowerPoint: {
      /**
       * Date
       * Format: date
       */
      date: string
      /** Followers */
      followers: number
    }
    /** FollowerTrendOut */
    FollowerTrendOut: {
      /**
       * Change
       * @description Since the last count before the range began.
       */
      change: number | null
      /** Current */
      current: number | null
      /** Platform */
      platform: string
      /** Series */
      series: components['schemas']['FollowerPoint'][]
      /**
       * Social Account Id
       * Format: uuid
       */
      social_account_id: string
      /** Status */
      status: string
      /** Username */
      username: string | null
    }
    /** HistoryPoint */
    HistoryPoint: {
      /**
       * Fetched At
       * Format: date-time
       */
      fetched_at: string
      /** Follower Count */
      follower_count: number
    }
    /** ImportIn */
    ImportIn: {
      /**
       * Url
       * @description A public http(s) URL of an image or video; private addresses are refused.
       */
      url: string
    }
    /** InstagramOptions */
    InstagramOptions: {
      /**
       * Cover Media Id
       * @description Reels: an uploaded image used as the cover.
       */
      cover_media_id?: string | null
      /**
       * First Comment
       * @description Posted as a comment (X: a reply) right after the post is published.
       */
      first_comment?: string | null
      /**
       * Media Type
       * @description feed (images, carousels), reel (one video) or story (one image or video, 9:16); unset: a single video is a reel, anything else a feed post.
       */
      media_type?: ('feed' | 'reel' | 'story') | null
      /**
       * Share To Feed
       * @description Reels: also in the feed.
       */
      share_to_feed?: boolean | null
      /**
       * Thumb Offset Ms
       * @description Reels: the frame (ms into the video) used as cover.
       */
      thumb_offset_ms?: number | null
    }
    /** InvitationIn */
    InvitationIn: {
      /**
       * Account Ids
       * @description editors only: the accounts they may use
       */
      account_ids?: string[] | null
      /**
       * Email
       * Format: email
       */
      email: string
      /**
       * Role
       * @enum {string}
       */
      role: 'admin' | 'editor' | 'viewer'
    }
    /** InvitationOut */
    InvitationOut: {
      /** Account Ids */
      account_ids: string[] | null
      /**
       * Created At
       * Format: date-time
       */
      created_at: string
      /** Email */
      email: string
      /**
       * Expires At
       * Format: date-time
       */
      expires_at: string
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Invited By Email */
      invited_by_email: string | null
      /**
       * Role
       * @enum {string}
       */
      role: 'admin' | 'editor' | 'viewer'
      /**
       * Url
       * @description the link to accept (carries the token); only when created or re-sent
       */
      url?: string | null
    }
    /** InvitationPreview */
    InvitationPreview: {
      /** Email */
      email: string
      /**
       * Expires At
       * Format: date-time
       */
      expires_at: string
      /** Invited By Email */
      invited_by_email: string | null
      /**
       * Role
       * @enum {string}
       */
      role: 'admin' | 'editor' | 'viewer'
      /** Workspace Name */
      workspace_name: string
    }
    /** InvitationsOut */
    InvitationsOut: {
      /** Items */
      items: components['schemas']['InvitationOut'][]
    }
    /** ItemCreate */
    ItemCreate: {
      /** Content */
      content: string
      /**
       * Is Template
       * @default false
       */
      is_template: boolean
      /** Media Ids */
      media_ids?: string[]
      /** Tags */
      tags?: string[]
      /** Template Name */
      template_name?: string | null
      /** Title */
      title?: string | null
    }
    /** ItemOut */
    ItemOut: {
      /** Content */
      content: string
      /**
       * Created At
       * Format: date-time
       */
      created_at: string
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Is Template */
      is_template: boolean
      /** Media Ids */
      media_ids: string[]
      /** Tags */
      tags: string[]
      /** Template Name */
      template_name: string | null
      /** Title */
      title: string | null
      /**
       * Updated At
       * Format: date-time
       */
      updated_at: string
    }
    /** ItemPage */
    ItemPage: {
      /** Items */
      items: components['schemas']['ItemOut'][]
      /** Limit */
      limit: number
      /** Offset */
      offset: number
      /** Total */
      total: number
    }
    /**
     * ItemUpdate
     * @description Only the fields sent change (PUT of a partial document).
     */
    ItemUpdate: {
      /** Content */
      content?: string | null
      /** Is Template */
      is_template?: boolean | null
      /** Media Ids */
      media_ids?: string[] | null
      /** Tags */
      tags?: string[] | null
      /** Template Name */
      template_name?: string | null
      /** Title */
      title?: string | null
    }
    /** LinkedInOptions */
    LinkedInOptions: {
      /**
       * First Comment
       * @description Posted as a comment (X: a reply) right after the post is published.
       */
      first_comment?: string | null
    }
    /** LoginIn */
    LoginIn: {
      /**
       * Email
       * Format: email
       */
      email: string
      /** Password */
      password: string
    }
    /** MediaOut */
    MediaOut: {
      /**
       * Created At
       * Format: date-time
       */
      created_at: string
      /** Duration Seconds */
      duration_seconds: number | null
      /** Filename */
      filename: string | null
      /** Height */
      height: number | null
      /**
       * Id
       * Format: uuid
       */
      id: string
      /**
       * Kind
       * @enum {string}
       */
      kind: 'image' | 'video' | 'gif'
      /** Mime Type */
      mime_type: string
      /** Sha256 */
      sha256: string
      /** Size Bytes */
      size_bytes: number
      /**
       * Status
       * @description uploading: reserved, bytes not received yet (url is empty); a post using it cannot be published or scheduled until it is ready.
       * @default ready
       * @enum {string}
       */
      status: 'uploading' | 'ready'
      /**
       * Thumbnail Url
       * @description Signed URL of a small WebP preview (images).
       */
      thumbnail_url: string | null
      /**
       * Url
       * @description Signed, short-lived URL of the file (MEDIA_URL_TTL_SECONDS).
       */
      url: string
      /** Width */
      width: number | null
    }
    /** MediaPage */
    MediaPage: {
      /** Items */
      items: components['schemas']['MediaOut'][]
      /** Limit */
      limit: number
      /** Offset */
      offset: number
      /** Total */
      total: number
    }
    /** MemberOut */
    MemberOut: {
      /**
       * Account Ids
       * @description editors limited to these connected accounts; null = all
       */
      account_ids: string[] | null
      /** Email */
      email: string
      /** Full Name */
      full_name: string | null
      /**
       * Joined At
       * Format: date-time
       */
      joined_at: string
      /** Read Only */
      read_only: boolean
      /**
       * Role
       * @enum {string}
       */
      role: 'owner' | 'admin' | 'editor' | 'viewer'
      /**
       * User Id
       * Format: uuid
       */
      user_id: string
    }
    /** MemberPatch */
    MemberPatch: {
      /**
       * Account Ids
       * @description null = every connected account
       */
      account_ids?: string[] | null
      /** Role */
      role?: ('owner' | 'admin' | 'editor' | 'viewer') | null
    }
    /** MembersOut */
    MembersOut: {
      /** Items */
      items: components['schemas']['MemberOut'][]
    }
    /** NotificationOut */
    NotificationOut: {
      /** Body */
      body: string
      /**
       * Created At
       * Format: date-time
       */
      created_at: string
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Kind */
      kind: string
      /** Link */
      link: string | null
      /** Read At */
      read_at: string | null
      /** Title */
      title: string
    }
    /** NotificationPage */
    NotificationPage: {
      /** Items */
      items: components['schemas']['NotificationOut'][]
      /** Unread */
      unread: number
    }
    /**
     * Numbers
     * @description Summed latest numbers; null when the plan does not include post metrics.
     */
    Numbers: {
      /** Clicks */
      clicks?: number | null
      /** Comments */
      comments?: number | null
      /**
       * Engagement Rate
       * @description (likes + comments + shares + clicks) / impressions * 100 over the posts that report impressions; null when the plan has no post metrics, or when none of the posts is on a platform that reports impressions (not reported, not 0).
       */
      engagement_rate?: number | null
      /** Impressions */
      impressions?: number | null
      /** Likes */
      likes?: number | null
      /** Shares */
      shares?: number | null
    }
    /**
     * OptimizeIn
     * @description Optimize a saved post's variants (all targets, or only these platforms).
     */
    OptimizeIn: {
      /** Instructions */
      instructions?: string | null
      /**
       * Optimizer
       * @default auto
       * @enum {string}
       */
      optimizer: 'auto' | 'claude' | 'offline'
      /**
       * Overwrite Edited
       * @default false
       */
      overwrite_edited: boolean
      /** Platforms */
      platforms?: string[] | null
      /**
       * Thread
       * @description X: a post longer than one X post becomes a thread (the variant's text is part 1, its `options.thread` the rest), split without cutting a link, @mention or #hashtag; a post that fits stays one post.
       * @default false
       */
      thread: boolean
    }
    /** OptimizeOut */
    OptimizeOut: {
      /** Notice */
      notice?: string | null
      /**
       * Optimizer
       * @enum {string}
       */
      optimizer: 'claude' | 'offline'
      /** Skipped */
      skipped?: components['schemas']['SkippedOut'][]
      /** Variants */
      variants: components['schemas']['VariantOut'][]
    }
    /** Overview */
    Overview: {
      /**
       * Analytics Level
       * @enum {string}
       */
      analytics_level: 'none' | 'basic' | 'advanced'
      /** Followers */
      followers: components['schemas']['FollowerTrendOut'][]
      /**
       * From
       * Format: date-time
       */
      from: string
      /** Per Platform */
      per_platform: components['schemas']['PlatformTotals'][]
      /** Published Per Day */
      published_per_day: components['schemas']['DayCount'][]
      /**
       * Range
       * @enum {string}
       */
      range: '7d' | '30d' | '90d'
      /** Timezone */
      timezone: string
      /**
       * To
       * Format: date-time
       */
      to: string
      /** Top Posts */
      top_posts: components['schemas']['TopPost'][]
      totals: components['schemas']['Totals']
    }
    /**
     * PartCheck
     * @description One thread part (or the first comment) counted as its platform counts it.
     */
    PartCheck: {
      /** Count */
      count: number
      /**
       * Kind
       * @enum {string}
       */
      kind: 'thread' | 'first_comment'
      /** Limit */
      limit: number
      /** Position */
      position: number
    }
    /**
     * PartOut
     * @description One part of an X thread: the post itself is part 1.
     */
    PartOut: {
      /** Error */
      error?: string | null
      /**
       * Id
       * @description The platform's id of this part.
       */
      id?: string | null
      /** Position */
      position: number
      /** Published At */
      published_at?: string | null
      /**
       * Status
       * @description draft | waiting (its turn has not come) | pending | sending | processing | published | retry_wait | unknown | failed | skipped (an earlier part failed)
       */
      status: string
      /** Text */
      text: string
      /** Url */
      url?: string | null
    }
    /** PasswordChangeIn */
    PasswordChangeIn: {
      /** Current Password */
      current_password: string
      /** New Password */
      new_password: string
    }
    /** PlanOut */
    PlanOut: {
      /** Connected Accounts Limit */
      connected_accounts_limit: number
      /**
       * Currency
       * @default usd
       */
      currency: string
      /** Features */
      features: string[]
      /** Name */
      name: string
      /**
       * Posts Per Month
       * @description -1 = unlimited
       */
      posts_per_month: number
      /**
       * Price Monthly
       * @description cents per month
       */
      price_monthly: number
      /**
       * Price Yearly
       * @description cents per year
       */
      price_yearly: number | null
      /**
       * Seat Limit
       * @description members a workspace on this plan may have
       */
      seat_limit: number
      /** Slug */
      slug: string
    }
    /** PlansOut */
    PlansOut: {
      /** Plans */
      plans: components['schemas']['PlanOut'][]
    }
    /** PlatformBreakdown */
    PlatformBreakdown: {
      /** Accounts */
      accounts: number
      best_post: components['schemas']['TopPost'] | null
      /** Clicks */
      clicks?: number | null
      /** Comments */
      comments?: number | null
      /**
       * Engagement Rate
       * @description (likes + comments + shares + clicks) / impressions * 100 over the posts that report impressions; null when the plan has no post metrics, or when none of the posts is on a platform that reports impressions (not reported, not 0).
       */
      engagement_rate?: number | null
      /** Engagements Per Post */
      engagements_per_post: number | null
      /** Followers */
      followers: number | null
      /** Followers Change */
      followers_change: number | null
      /** Impressions */
      impressions?: number | null
      /** Impressions Per Post */
      impressions_per_post: number | null
      /** Likes */
      likes?: number | null
      /** Platform */
      platform: string
      /**
       * Posts Published
       * @description Platform posts published in the range.
       */
      posts_published: number
      /**
       * Reported Metrics
       * @description What this platform's API reports.
       */
      reported_metrics: string[]
      /** Shares */
      shares?: number | null
    }
    /** PlatformCheck */
    PlatformCheck: {
      /** Count */
      count: number
      /** Limit */
      limit: number
      /** Parts */
      parts?: components['schemas']['PartCheck'][]
      /** Platform */
      platform: string
      /**
       * Post Type
       * @description The kind of post it makes, where there are several (reel).
       */
      post_type?: string | null
      /** Problems */
      problems: components['schemas']['socialflow__posts__schemas__ProblemOut'][]
    }
    /**
     * PlatformOptions
     * @description `platform_options` of a post: settings per platform, applied to its targets.
     */
    PlatformOptions: {
      facebook?: components['schemas']['FacebookOptions'] | null
      instagram?: components['schemas']['InstagramOptions'] | null
      linkedin?: components['schemas']['LinkedInOptions'] | null
      tiktok?: components['schemas']['TikTokOptions'] | null
      twitter?: components['schemas']['TwitterOptions'] | null
      youtube?: components['schemas']['YouTubeOptions'] | null
    }
    /** PlatformOut */
    PlatformOut: {
      /**
       * Available
       * @description False: no credentials and no sandbox (production).
       * @default true
       */
      available: boolean
      /** Capabilities */
      capabilities: {
        [key: string]: unknown
      }
      /** Display Name */
      display_name: string
      /** Platform */
      platform: string
      /**
       * Sandbox
       * @description No real credentials set: served by the built-in sandbox.
       */
      sandbox: boolean
    }
    /** PlatformPerformance */
    PlatformPerformance: {
      /**
       * Id
       * Format: uuid
       */
      id: string
      latest: components['schemas']['SnapshotPoint'] | null
      /**
       * Next Fetch At
       * @description When the numbers are fetched next.
       */
      next_fetch_at: string | null
      /** Platform */
      platform: string
      /** Platform Post Id */
      platform_post_id: string | null
      /** Platform Url */
      platform_url: string | null
      /** Published At */
      published_at: string | null
      /** Reported Metrics */
      reported_metrics: string[]
      /**
       * Series
       * @description Every snapshot, oldest first.
       */
      series: components['schemas']['SnapshotPoint'][]
      /** Social Account Id */
      social_account_id: string | null
      /** Status */
      status: string
      /** Username */
      username: string | null
    }
    /** PlatformPostOut */
    PlatformPostOut: {
      account?: components['schemas']['AccountBrief'] | null
      /** Attempts */
      attempts: number
      /** Content */
      content: string
      /** Due At */
      due_at: string | null
      /** Error Code */
      error_code: string | null
      /** Error Message */
      error_message: string | null
      first_comment?: components['schemas']['FirstCommentOut'] | null
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Media Ids */
      media_ids: string[]
      /** Optimized By */
      optimized_by: string | null
      /** Options */
      options: {
        [key: string]: unknown
      }
      /**
       * Parts
       * @description An X thread's parts in order (empty: no thread).
       */
      parts?: components['schemas']['PartOut'][]
      /** Platform */
      platform: string
      /** Platform Post Id */
      platform_post_id: string | null
      /** Platform Url */
      platform_url: string | null
      /** Published At */
      published_at: string | null
      /** Social Account Id */
      social_account_id: string | null
      /** Status */
      status: string
      /** Title */
      title: string | null
      /**
       * Updated At
       * Format: date-time
       */
      updated_at: string
      /** User Edited */
      user_edited: boolean
    }
    /** PlatformTotals */
    PlatformTotals: {
      /** Clicks */
      clicks?: number | null
      /** Comments */
      comments?: number | null
      /**
       * Engagement Rate
       * @description (likes + comments + shares + clicks) / impressions * 100 over the posts that report impressions; null when the plan has no post metrics, or when none of the posts is on a platform that reports impressions (not reported, not 0).
       */
      engagement_rate?: number | null
      /** Impressions */
      impressions?: number | null
      /** Likes */
      likes?: number | null
      /** Platform */
      platform: string
      /**
       * Posts Published
       * @description Platform posts published in the range.
       */
      posts_published: number
      /**
       * Reported Metrics
       * @description What this platform's API reports.
       */
      reported_metrics: string[]
      /** Shares */
      shares?: number | null
    }
    /** PlaylistOut */
    PlaylistOut: {
      /** Id */
      id: string
      /** Title */
      title: string
    }
    /** PlaylistsOut */
    PlaylistsOut: {
      /** Items */
      items: components['schemas']['PlaylistOut'][]
    }
    /** PostCreate */
    PostCreate: {
      /** Content */
      content: string
      /** Media Ids */
      media_ids?: string[]
      /** @description Settings per platform for its targets, e.g. {"tiktok": {"privacy_level": "SELF_ONLY"}} (TikTok requires a privacy choice), {"twitter": {"thread": ["part 2", "part 3"], "first_comment": "..."}}, {"instagram": {"media_type": "reel", "first_comment": "#tags"}}. */
      platform_options?: components['schemas']['PlatformOptions']
      /** Platforms */
      platforms?: string[] | null
      /**
       * Publish
       * @description Publish right away; if refused, no draft is left behind.
       * @default false
       */
      publish: boolean
      /** @description Schedule right away; if refused, no draft is left behind. */
      schedule?: components['schemas']['ScheduleIn'] | null
      /** Social Account Ids */
      social_account_ids?: string[] | null
      /** Title */
      title?: string | null
    }
    /** PostIdsIn */
    PostIdsIn: {
      /** Post Ids */
      post_ids: string[]
    }
    /** PostIdsOut */
    PostIdsOut: {
      /** Post Ids */
      post_ids: string[]
    }
    /** PostOut */
    PostOut: {
      /** Approved At */
      approved_at?: string | null
      /** Approved By */
      approved_by?: string | null
      /** Content */
      content: string
      /**
       * Created At
       * Format: date-time
       */
      created_at: string
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Media Ids */
      media_ids: string[]
      /**
       * Notice
       * @description what this request did that the user should know (e.g. an edit sent an approved post back for approval)
       */
      notice?: string | null
      /** Platform Posts */
      platform_posts?: components['schemas']['PlatformPostOut'][]
      /** Platforms */
      platforms: string[]
      /** Problems */
      problems?: components['schemas']['socialflow__posts__schemas__ProblemOut'][]
      /** Published At */
      published_at: string | null
      /**
       * Revision
       * @description bumped by every edit; approve names it
       * @default 0
       */
      revision: number
      /** Schedule Timezone */
      schedule_timezone: string | null
      /** Scheduled For */
      scheduled_for: string | null
      /** Status */
      status: string
      /** Submitted At */
      submitted_at?: string | null
      /** Submitted By */
      submitted_by?: string | null
      /** Title */
      title: string | null
      /**
       * Updated At
       * Format: date-time
       */
      updated_at: string
    }
    /** PostPage */
    PostPage: {
      /** Items */
      items: components['schemas']['PostSummary'][]
      /** Limit */
      limit: number
      /** Offset */
      offset: number
      /** Total */
      total: number
    }
    /** PostPerformance */
    PostPerformance: {
      /** Content */
      content: string
      /** Platforms */
      platforms: components['schemas']['PlatformPerformance'][]
      /**
       * Post Id
       * Format: uuid
       */
      post_id: string
      /** Published At */
      published_at: string | null
      /** Status */
      status: string
      totals: components['schemas']['Numbers']
    }
    /** PostSummary */
    PostSummary: {
      /** Content */
      content: string
      /**
       * Created At
       * Format: date-time
       */
      created_at: string
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Platforms */
      platforms: string[]
      /** Published At */
      published_at: string | null
      /** Scheduled For */
      scheduled_for: string | null
      /** Status */
      status: string
      /** Title */
      title: string | null
      /**
       * Updated At
       * Format: date-time
       */
      updated_at: string
    }
    /** PostTable */
    PostTable: {
      /** Items */
      items: components['schemas']['PostTableRow'][]
      /**
       * Range
       * @enum {string}
       */
      range: '7d' | '30d' | '90d'
      /** Total */
      total: number
    }
    /** PostTableRow */
    PostTableRow: {
      /** Clicks */
      clicks: number
      /** Comments */
      comments: number
      /** Content */
      content: string
      /**
       * Engagement Rate
       * @description null where the platform reports no impressions (LinkedIn): not reported.
       */
      engagement_rate: number | null
      /** Fetched At */
      fetched_at: string | null
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Impressions */
      impressions: number
      /** Likes */
      likes: number
      /** Platform */
      platform: string
      /** Platform Post Id */
      platform_post_id: string | null
      /** Platform Url */
      platform_url: string | null
      /**
       * Post Id
       * Format: uuid
       */
      post_id: string
      /**
       * Published At
       * Format: date-time
       */
      published_at: string
      /** Shares */
      shares: number
      /** Username */
      username: string | null
    }
    /** PostUpdate */
    PostUpdate: {
      /** Content */
      content?: string | null
      /** Media Ids */
      media_ids?: string[] | null
      /** @description Settings per platform, merged into its targets' settings (a setting given as null is removed); `variants[].options` then edit one target. */
      platform_options?: components['schemas']['PlatformOptions'] | null
      /** Platforms */
      platforms?: string[] | null
      /** Social Account Ids */
      social_account_ids?: string[] | null
      /** Title */
      title?: string | null
      /** Variants */
      variants?: components['schemas']['VariantIn'][] | null
    }
    /**
     * PreviewIn
     * @description Optimize unsaved text (the editor, before saving).
     */
    PreviewIn: {
      /** Content */
      content: string
      /** Instructions */
      instructions?: string | null
      /**
       * Media Count
       * @default 0
       */
      media_count: number
      /**
       * Optimizer
       * @default auto
       * @enum {string}
       */
      optimizer: 'auto' | 'claude' | 'offline'
      /** Platforms */
      platforms: string[]
      /**
       * Thread
       * @description X: as a thread when it does not fit.
       * @default false
       */
      thread: boolean
      /** Title */
      title?: string | null
    }
    /** ProfileIn */
    ProfileIn: {
      /** Brand Voice */
      brand_voice?: string | null
      /** Full Name */
      full_name?: string | null
      /** Timezone */
      timezone?: string | null
    }
    /** RefreshIn */
    RefreshIn: {
      /** Refresh Token */
      refresh_token?: string | null
    }
    /** RefreshOut */
    RefreshOut: {
      /**
       * Follower Syncs
       * @description Accounts whose follower count is being fetched.
       */
      follower_syncs: number
      /**
       * Metric Fetches
       * @description Platform posts (last 30 days) being re-measured.
       */
      metric_fetches: number
      /**
       * Next Allowed At
       * Format: date-time
       */
      next_allowed_at: string
    }
    /** RegisterIn */
    RegisterIn: {
      /**
       * Email
       * Format: email
       */
      email: string
      /** Full Name */
      full_name: string
      /** Password */
      password: string
      /**
       * Timezone
       * @description IANA zone the dates are read in (the dashboard sends the browser's); UTC when absent.
       */
      timezone?: string | null
    }
    /** RequestChangesIn */
    RequestChangesIn: {
      /**
       * Comment
       * @description what to change
       */
      comment: string
    }
    /** ResetConfirmIn */
    ResetConfirmIn: {
      /** New Password */
      new_password: string
      /** Token */
      token: string
    }
    /** ResetRequestIn */
    ResetRequestIn: {
      /**
       * Email
       * Format: email
       */
      email: string
    }
    /** RetryIn */
    RetryIn: {
      /**
       * Confirm Not Posted
       * @description Retry targets whose outcome is unknown too; only if you checked the platform and the post is not there.
       * @default false
       */
      confirm_not_posted: boolean
    }
    /** ReviewLinkIn */
    ReviewLinkIn: {
      /**
       * Expires In Days
       * @description 1 to 30 days
       * @default 7
       */
      expires_in_days: number
    }
    /** ReviewLinkOut */
    ReviewLinkOut: {
      /** Client Email */
      client_email: string | null
      /** Client Name */
      client_name: string | null
      /**
       * Created At
       * Format: date-time
       */
      created_at: string
      /** Decided At */
      decided_at: string | null
      /**
       * Decision
       * @description approved | changes_requested, once the client chose
       */
      decision: string | null
      /**
       * Expires At
       * Format: date-time
       */
      expires_at: string
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Revoked At */
      revoked_at: string | null
      /**
       * Url
       * @description only when created: the link to share
       */
      url?: string | null
    }
    /** ReviewLinksOut */
    ReviewLinksOut: {
      /** Items */
      items: components['schemas']['ReviewLinkOut'][]
    }
    /** ScheduleIn */
    ScheduleIn: {
      /**
       * Fold
       * @description For a local time that happens twice (DST fall-back): 0 first, 1 second.
       * @default 0
       * @enum {integer}
       */
      fold: 0 | 1
      /**
       * Scheduled For
       * @description ISO 8601 with an offset (2026-12-01T09:30:00+01:00), or a local time (2026-12-01T09:30) read in `timezone` (default: the user's time zone).
       */
      scheduled_for: string
      /** Timezone */
      timezone?: string | null
    }
    /** SelectIn */
    SelectIn: {
      /** Choice Id */
      choice_id: string
    }
    /** SkippedOut */
    SkippedOut: {
      /** Platform */
      platform: string
      /**
       * Platform Post Id
       * Format: uuid
       */
      platform_post_id: string
      /**
       * Reason
       * @enum {string}
       */
      reason: 'user_edited' | 'not_editable'
    }
    /** SnapshotPoint */
    SnapshotPoint: {
      /** Clicks */
      clicks: number
      /** Comments */
      comments: number
      /**
       * Engagement Rate
       * @description null where the platform reports no impressions (LinkedIn): not reported.
       */
      engagement_rate: number | null
      /**
       * Fetched At
       * Format: date-time
       */
      fetched_at: string
      /** Hours After Publish */
      hours_after_publish: number
      /** Impressions */
      impressions: number
      /** Likes */
      likes: number
      /** Shares */
      shares: number
    }
    /** PlatformsOut */
    socialflow__accounts__schemas__PlatformsOut: {
      /** Items */
      items: components['schemas']['PlatformOut'][]
    }
    /** PlatformsOut */
    socialflow__analytics__schemas__PlatformsOut: {
      /**
       * From
       * Format: date-time
       */
      from: string
      /** Items */
      items: components['schemas']['PlatformBreakdown'][]
      /**
       * Range
       * @enum {string}
       */
      range: '7d' | '30d' | '90d'
      /**
       * To
       * Format: date-time
       */
      to: string
    }
    /** ProblemOut */
    socialflow__optimizer__schemas__ProblemOut: {
      /** Code */
      code: string
      /** Field */
      field: string
      /** Message */
      message: string
    }
    /** ProblemOut */
    socialflow__posts__schemas__ProblemOut: {
      /** Code */
      code: string
      /** Field */
      field: string
      /** Message */
      message: string
      /** Platform */
      platform: string
      /** Platform Post Id */
      platform_post_id: string | null
    }
    /** StatsOut */
    StatsOut: {
      /** Follower Count */
      follower_count: number | null
      /** History */
      history: components['schemas']['HistoryPoint'][]
      /** Last Synced At */
      last_synced_at: string | null
    }
    /**
     * StatusOut
     * @description What changed since `since`: cheap to poll; the SSE stream sends the same.
     */
    StatusOut: {
      /**
       * Now
       * Format: date-time
       */
      now: string
      /** Posts */
      posts: {
        [key: string]: unknown
      }[]
    }
    /** SubscriptionOut */
    SubscriptionOut: {
      /** Cancel At Period End */
      cancel_at_period_end: boolean
      /** Current Period End */
      current_period_end: string | null
      /** Features */
      features: string[]
      /**
       * Grace Until
       * @description past_due: limits stay until then
       */
      grace_until: string | null
      /** Interval */
      interval: ('month' | 'year') | null
      /**
       * Plan
       * @description the plan subscribed to (may differ from tier when restricted)
       */
      plan: string
      /** Plan Name */
      plan_name: string
      /**
       * Restricted
       * @description past_due beyond grace: Free limits apply
       */
      restricted: boolean
      /**
       * Status
       * @description Stripe's status, or inactive on Free
       */
      status: string
      /**
       * Tier
       * @description the plan whose limits apply now
       */
      tier: string
      usage: components['schemas']['UsageOut']
    }
    /** TagCount */
    TagCount: {
      /** Count */
      count: number
      /** Tag */
      tag: string
    }
    /** TagsOut */
    TagsOut: {
      /** Tags */
      tags: components['schemas']['TagCount'][]
    }
    /** ThreadPart */
    ThreadPart: {
      /** Media Ids */
      media_ids?: string[]
      /**
       * Text
       * @default
       */
      text: string
    }
    /** TikTokCreatorInfoOut */
    TikTokCreatorInfoOut: {
      /** Comment Disabled */
      comment_disabled: boolean
      /** Creator Nickname */
      creator_nickname: string | null
      /** Creator Username */
      creator_username: string | null
      /** Duet Disabled */
      duet_disabled: boolean
      /** Max Video Post Duration Sec */
      max_video_post_duration_sec: number | null
      /**
       * Privacy Level Options
       * @description The privacy levels this creator may post with; the user picks one.
       */
      privacy_level_options: string[]
      /** Stitch Disabled */
      stitch_disabled: boolean
    }
    /** TikTokOptions */
    TikTokOptions: {
      /** Auto Add Music */
      auto_add_music?: boolean | null
      /** Brand Content Toggle */
      brand_content_toggle?: boolean | null
      /** Brand Organic Toggle */
      brand_organic_toggle?: boolean | null
      /** Commercial Content */
      commercial_content?: boolean | null
      /** Disable Comment */
      disable_comment?: boolean | null
      /** Disable Duet */
      disable_duet?: boolean | null
      /** Disable Stitch */
      disable_stitch?: boolean | null
      /** Is Aigc */
      is_aigc?: boolean | null
      /** Photo Cover Index */
      photo_cover_index?: number | null
      /** Privacy Level */
      privacy_level?: ('PUBLIC_TO_EVERYONE' | 'MUTUAL_FOLLOW_FRIENDS' | 'FOLLOWER_OF_CREATOR' | 'SELF_ONLY') | null
      /** Video Cover Timestamp Ms */
      video_cover_timestamp_ms?: number | null
    }
    /** TokenIn */
    TokenIn: {
      /** Token */
      token: string
    }
    /** TokenPairOut */
    TokenPairOut: {
      /** Access Token */
      access_token: string
      /**
       * Expires In
       * @description Seconds until the access token expires.
       */
      expires_in: number
      /** Refresh Token */
      refresh_token: string
      /**
       * Token Type
       * @default bearer
       */
      token_type: string
      user: components['schemas']['UserOut']
    }
    /** TopPost */
    TopPost: {
      /** Clicks */
      clicks: number
      /** Comments */
      comments: number
      /**
       * Content
       * @description The first 140 characters.
       */
      content: string
      /**
       * Engagement Rate
       * @description null where the platform reports no impressions (LinkedIn): not reported.
       */
      engagement_rate: number | null
      /**
       * Id
       * Format: uuid
       * @description The platform post (one post to one account).
       */
      id: string
      /** Impressions */
      impressions: number
      /** Likes */
      likes: number
      /** Platform */
      platform: string
      /**
       * Platform Post Id
       * @description The platform's own id of the post.
       */
      platform_post_id: string | null
      /** Platform Url */
      platform_url: string | null
      /**
       * Post Id
       * Format: uuid
       */
      post_id: string
      /**
       * Published At
       * Format: date-time
       */
      published_at: string
      /** Shares */
      shares: number
    }
    /** Totals */
    Totals: {
      /** Clicks */
      clicks?: number | null
      /** Comments */
      comments?: number | null
      /**
       * Engagement Rate
       * @description (likes + comments + shares + clicks) / impressions * 100 over the posts that report impressions; null when the plan has no post metrics, or when none of the posts is on a platform that reports impressions (not reported, not 0).
       */
      engagement_rate?: number | null
      /** Impressions */
      impressions?: number | null
      /** Likes */
      likes?: number | null
      /**
       * Posts Published
       * @description Platform posts published in the range.
       */
      posts_published: number
      /** Shares */
      shares?: number | null
    }
    /** TransferIn */
    TransferIn: {
      /**
       * User Id
       * Format: uuid
       * @description the member who becomes owner
       */
      user_id: string
    }
    /** TwitterOptions */
    TwitterOptions: {
      /**
       * First Comment
       * @description Posted as a comment (X: a reply) right after the post is published.
       */
      first_comment?: string | null
      /** Made With Ai */
      made_with_ai?: boolean | null
      /** Paid Partnership */
      paid_partnership?: boolean | null
      /** Reply Settings */
      reply_settings?: ('following' | 'mentionedUsers' | 'subscribers' | 'verified') | null
      /**
       * Thread
       * @description The parts after the first (the post's own text is part 1), each a reply to the one before; a part is its text or {text, media_ids}.
       */
      thread?: components['schemas']['ThreadPart'][] | null
    }
    /**
     * UploadReserveIn
     * @description A file about to be uploaded: its id can go into a post at once; the post cannot be
     *     published or scheduled until the bytes have arrived.
     */
    UploadReserveIn: {
      /** Filename */
      filename?: string | null
      /** Mime Type */
      mime_type: string
      /** Size Bytes */
      size_bytes: number
    }
    /** UrlOut */
    UrlOut: {
      /** Url */
      url: string
    }
    /** UsageOut */
    UsageOut: {
      /** Connected Accounts */
      connected_accounts: number
      /** Connected Accounts Limit */
      connected_accounts_limit: number
      /** Paused Accounts */
      paused_accounts: number
      /**
       * Period Start
       * Format: date-time
       */
      period_start: string
      /**
       * Posts Per Month
       * @description -1 = unlimited
       */
      posts_per_month: number
      /** Posts This Month */
      posts_this_month: number
      /** Seat Limit */
      seat_limit: number
      /**
       * Seats Used
       * @description members and pending invitations
       */
      seats_used: number
    }
    /** UserOut */
    UserOut: {
      /** Brand Voice */
      brand_voice: string | null
      /**
       * Created At
       * Format: date-time
       */
      created_at: string
      /** Email */
      email: string
      /** Email Verified */
      email_verified: boolean
      /** Full Name */
      full_name: string | null
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Subscription Status */
      subscription_status: string
      /** Subscription Tier */
      subscription_tier: string
      /** Timezone */
      timezone: string
    }
    /**
     * VariantIn
     * @description An edit of one target's text/media; `reset` goes back to the post's own content.
     */
    VariantIn: {
      /** Content */
      content?: string | null
      /** Media Ids */
      media_ids?: string[] | null
      /** Options */
      options?: {
        [key: string]: unknown
      } | null
      /**
       * Platform Post Id
       * Format: uuid
       */
      platform_post_id: string
      /**
       * Reset
       * @default false
       */
      reset: boolean
      /** Title */
      title?: string | null
    }
    /** VariantOut */
    VariantOut: {
      /**
       * As Thread
       * @description X: `thread` is what was written into the variant (asked with thread: true): `content` is part 1, the rest are its options.thread.
       * @default false
       */
      as_thread: boolean
      /**
       * Cached
       * @default false
       */
      cached: boolean
      /** Content */
      content: string
      /** Fallback Reason */
      fallback_reason: string | null
      /** Optimized By */
      optimized_by: string
      /** Platform */
      platform: string
      /** Platform Post Id */
      platform_post_id: string | null
      /** Problems */
      problems: components['schemas']['socialflow__optimizer__schemas__ProblemOut'][]
      /** Tags */
      tags?: string[]
      /** Thread */
      thread?: string[] | null
      /** Title */
      title: string | null
    }
    /** WorkspaceIn */
    WorkspaceIn: {
      /** Name */
      name: string
    }
    /** WorkspaceOut */
    WorkspaceOut: {
      /**
       * Account Ids
       * @description the connected accounts the caller may post to (editors limited by an admin); null = every account
       */
      account_ids?: string[] | null
      /**
       * Approval For Admins
       * @description admins' posts need approval too (owner approves)
       * @default false
       */
      approval_for_admins: boolean
      /**
       * Approval Required
       * @description editors' posts need an admin's or the owner's approval
       * @default false
       */
      approval_required: boolean
      /**
       * Created At
       * Format: date-time
       */
      created_at: string
      /**
       * Id
       * Format: uuid
       */
      id: string
      /** Name */
      name: string
      /**
       * Owner Id
       * Format: uuid
       */
      owner_id: string
      /** Personal */
      personal: boolean
      /**
       * Plan
       * @description the plan whose limits apply
       */
      plan: string
      /**
       * Read Only
       * @description the caller is over the plan's seats: read-only
       */
      read_only: boolean
      /**
       * Role
       * @description the caller's role here
       * @enum {string}
       */
      role: 'owner' | 'admin' | 'editor' | 'viewer'
      /** Seat Limit */
      seat_limit: number
      /**
       * Seats Used
       * @description members and pending invitations
       */
      seats_used: number
    }
    /**
     * WorkspacePatch
     * @description PATCH: only the fields sent change (`name` may be left out).
     */
    WorkspacePatch: {
      /**
       * Approval For Admins
       * @description with approval_required: admins' posts need approval too
       */
      approval_for_admins?: boolean | null
      /**
       * Approval Required
       * @description editors' posts wait for an admin's or the owner's approval (issue 15)
       */
      approval_required?: boolean | null
      /** Name */
      name?: string | null
    }
    /** WorkspacesOut */
    WorkspacesOut: {
      /** Items */
      items: components['schemas']['WorkspaceOut'][]
    }
    /** YouTubeOptions */
    YouTubeOptions: {
      /** Category Id */
      category_id?: string | null
      /** Contains Synthetic Media */
      contains_synthetic_media?: boolean | null
      /** Default Language */
      default_language?: string | null
      /**
       * First Comment
       * @description Posted as a comment (X: a reply) right after the post is published.
       */
      first_comment?: string | null
      /**
       * Made For Kids
       * @description Required by YouTube (COPPA): is the video made for kids?
       */
      made_for_kids?: boolean | null
      /** Notify Subscribers */
      notify_subscribers?: boolean | null
      /** Playlist Id */
      playlist_id?: string | null
      /** Privacy Status */
      privacy_status?: ('public' | 'unlisted' | 'private') | null
      /**
       * Short
       * @description Post as a Short: the video is checked to be vertical or square and at most 3 minutes (YouTube files such videos as Shorts by itself).
       */
      short?: boolean | null
      /** Tags */
      tags?: string[] | null
      /** Thumbnail Media Id */
      thumbnail_media_id?: string | null
    }
  }
  responses: never
  parameters: never
  requestBodies: never
  headers: never
  pathItems: never
}
export type $defs = Record<string, never>
export interface operations {
  overview_api_analytics_overview_get: {
    parameters: {
      query?: {
        /** @description 7d, 30d or 90d (Business). */
        range?: '7d' | '30d' | '90d'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Overview']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the workspace's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  platforms_api_analytics_platforms_get: {
    parameters: {
      query?: {
        /** @description 7d, 30d or 90d (Business). */
        range?: '7d' | '30d' | '90d'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['socialflow__analytics__schemas__PlatformsOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the workspace's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  post_table_api_analytics_posts_get: {
    parameters: {
      query?: {
        limit?: number
        /** @description rows to skip */
        offset?: number
        platform?: string | null
        /** @description 7d, 30d or 90d (Business). */
        range?: '7d' | '30d' | '90d'
        sort?: 'published_at' | 'impressions' | 'engagement_rate' | 'engagements'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostTable']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the workspace's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  posts_csv_api_analytics_posts_csv_get: {
    parameters: {
      query?: {
        /** @description 7d, 30d or 90d (Business). */
        range?: '7d' | '30d' | '90d'
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/csv': unknown
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the workspace's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  post_performance_api_analytics_posts__post_id__get: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostPerformance']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the workspace's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  refresh_now_api_analytics_refresh_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['RefreshOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  login_api_auth_login_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['TokenPairOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  logout_api_auth_logout_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: {
      content: {
        'application/json': components['schemas']['RefreshIn'] | null
      }
    }
    responses: {
      /** @description Successful Response */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  me_api_auth_me_get: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['UserOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  update_me_api_auth_me_patch: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ProfileIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['UserOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  change_password_api_auth_password_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['PasswordChangeIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['TokenPairOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  confirm_reset_api_auth_password_reset_confirm_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ResetConfirmIn']
      }
    }
    responses: {
      /** @description Successful Response */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  request_reset_api_auth_password_reset_request_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ResetRequestIn']
      }
    }
    responses: {
      /** @description Successful Response */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AcceptedOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  refresh_api_auth_refresh_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: {
      content: {
        'application/json': components['schemas']['RefreshIn'] | null
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['TokenPairOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  register_api_auth_register_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterIn']
      }
    }
    responses: {
      /** @description Successful Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['TokenPairOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  verify_email_api_auth_verify_email_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['TokenIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['UserOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  resend_verification_api_auth_verify_email_resend_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AcceptedOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  checkout_api_billing_checkout_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CheckoutIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['UrlOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  plans_api_billing_plans_get: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PlansOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  portal_api_billing_portal_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['UrlOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  subscription_api_billing_subscription_get: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['SubscriptionOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  invitation_preview_api_invitations__token__get: {
    parameters: {
      query?: never
      header?: never
      path: {
        token: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['InvitationPreview']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description the invitation link expired, was revoked, re-sent or used */
      410: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  accept_invitation_api_invitations__token__accept_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        token: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WorkspaceOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description the invitation link expired, was revoked, re-sent or used */
      410: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  list_items_api_library_get: {
    parameters: {
      query?: {
        is_template?: boolean | null
        limit?: number
        /** @description rows to skip */
        offset?: number
        /** @description in title or content */
        q?: string | null
        tag?: string | null
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ItemPage']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  create_item_api_library_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ItemCreate']
      }
    }
    responses: {
      /** @description Successful Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ItemOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  get_item_api_library__item_id__get: {
    parameters: {
      query?: never
      header?: never
      path: {
        item_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ItemOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  update_item_api_library__item_id__put: {
    parameters: {
      query?: never
      header?: never
      path: {
        item_id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ItemUpdate']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ItemOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  delete_item_api_library__item_id__delete: {
    parameters: {
      query?: never
      header?: never
      path: {
        item_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  use_item_api_library__item_id__use_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        item_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['DraftOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  tags_api_library_tags_get: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['TagsOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  list_media_api_media_get: {
    parameters: {
      query?: {
        kind?: ('image' | 'video' | 'gif') | null
        limit?: number
        /** @description rows to skip */
        offset?: number
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['MediaPage']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  get_media_api_media__media_id__get: {
    parameters: {
      query?: never
      header?: never
      path: {
        media_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['MediaOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  delete_media_api_media__media_id__delete: {
    parameters: {
      query?: never
      header?: never
      path: {
        media_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  import_media_api_media_import_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ImportIn']
      }
    }
    responses: {
      /** @description Successful Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['MediaOut']
        }
      }
      /** @description empty, damaged or unreadable file */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description over MAX_UPLOAD_MB, or an image with too many pixels */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not a JPEG/PNG/GIF/WebP image or MP4/MOV/WebM video (by its bytes) */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  reserve_upload_api_media_uploads_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['UploadReserveIn']
      }
    }
    responses: {
      /** @description Successful Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['MediaOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  list_notifications_api_notifications_get: {
    parameters: {
      query?: {
        limit?: number
        unread_only?: boolean
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['NotificationPage']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  mark_read_api_notifications__notification_id__read_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        notification_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['NotificationOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  mark_all_read_api_notifications_read_all_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  preview_api_optimizer_preview_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['PreviewIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['OptimizeOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  list_posts_api_posts_get: {
    parameters: {
      query?: {
        /** @description only posts waiting for approval that you may approve */
        awaiting_my_approval?: boolean
        from?: string | null
        limit?: number
        /** @description rows to skip */
        offset?: number
        platform?: string | null
        status?: string | null
        to?: string | null
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostPage']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  create_post_api_posts_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['PostCreate']
      }
    }
    responses: {
      /** @description Successful Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  get_post_api_posts__post_id__get: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  update_post_api_posts__post_id__put: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['PostUpdate']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  delete_post_api_posts__post_id__delete: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  approve_api_posts__post_id__approve_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody?: {
      content: {
        'application/json': components['schemas']['ApproveIn'] | null
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  cancel_api_posts__post_id__cancel_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  list_comments_api_posts__post_id__comments_get: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CommentsOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  add_comment_api_posts__post_id__comments_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CommentIn']
      }
    }
    responses: {
      /** @description Successful Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CommentOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  duplicate_api_posts__post_id__duplicate_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  optimize_post_api_posts__post_id__optimize_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody?: {
      content: {
        'application/json': components['schemas']['OptimizeIn'] | null
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['OptimizeOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  publish_api_posts__post_id__publish_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostOut']
        }
      }
      /** @description approval required: the post is pending_approval */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  request_changes_api_posts__post_id__request_changes_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['RequestChangesIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  retry_api_posts__post_id__retry_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody?: {
      content: {
        'application/json': components['schemas']['RetryIn'] | null
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  list_links_api_posts__post_id__review_links_get: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ReviewLinksOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  create_link_api_posts__post_id__review_links_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody?: {
      content: {
        'application/json': components['schemas']['ReviewLinkIn'] | null
      }
    }
    responses: {
      /** @description Successful Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ReviewLinkOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  revoke_link_api_posts__post_id__review_links__link_id__delete: {
    parameters: {
      query?: never
      header?: never
      path: {
        link_id: string
        post_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  schedule_api_posts__post_id__schedule_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        post_id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ScheduleIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostOut']
        }
      }
      /** @description approval required: the post is pending_approval */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  bulk_delete_api_posts_bulk_delete_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['PostIdsIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostIdsOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  calendar_api_posts_calendar_get: {
    parameters: {
      query: {
        from: string
        to: string
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['CalendarItem'][]
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  changes_api_posts_changes_get: {
    parameters: {
      query?: {
        since?: string | null
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['StatusOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  check_api_posts_check_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CheckIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PlatformCheck'][]
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  events_api_posts_events_get: {
    parameters: {
      query: {
        access_token: string
        /** @description the workspace (default: personal) */
        workspace_id?: string | null
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  restore_api_posts_restore_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['PostIdsIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PostIdsOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  upload_media_api_posts_upload_media_post: {
    parameters: {
      query?: {
        /** @description The placeholder from POST /api/media/uploads to fill, if any. */
        media_id?: string | null
      }
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'multipart/form-data': {
          /** Format: binary */
          file: string
        }
      }
    }
    responses: {
      /** @description Successful Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['MediaOut']
        }
      }
      /** @description empty, damaged or unreadable file */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description over MAX_UPLOAD_MB, or an image with too many pixels */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not a JPEG/PNG/GIF/WebP image or MP4/MOV/WebM video (by its bytes) */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  review_page_api_review__token__get: {
    parameters: {
      query?: never
      header?: never
      path: {
        token: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': string
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  review_decision_api_review__token__post: {
    parameters: {
      query?: never
      header?: never
      path: {
        token: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': string
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'text/html': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  list_accounts_api_social_accounts_get: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AccountsOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  disconnect_api_social_accounts__account_id__delete: {
    parameters: {
      query?: never
      header?: never
      path: {
        account_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  add_choices_api_social_accounts__account_id__choices_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        account_id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['AddChoicesIn']
      }
    }
    responses: {
      /** @description Successful Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AccountsOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  refresh_api_social_accounts__account_id__refresh_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        account_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AccountOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  select_api_social_accounts__account_id__select_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        account_id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['SelectIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AccountOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  stats_api_social_accounts__account_id__stats_get: {
    parameters: {
      query?: never
      header?: never
      path: {
        account_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['StatsOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  tiktok_creator_info_api_social_accounts__account_id__tiktok_creator_info_get: {
    parameters: {
      query?: never
      header?: never
      path: {
        account_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['TikTokCreatorInfoOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  youtube_playlists_api_social_accounts__account_id__youtube_playlists_get: {
    parameters: {
      query?: never
      header?: never
      path: {
        account_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['PlaylistsOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  connect_api_social_accounts_connect_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ConnectIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ConnectOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  platforms_api_social_accounts_platforms_get: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['socialflow__accounts__schemas__PlatformsOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  stripe_webhook_api_webhooks_stripe_post: {
    parameters: {
      query?: never
      header?: {
        'Stripe-Signature'?: string | null
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            [key: string]: unknown
          }
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  list_workspaces_api_workspaces_get: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WorkspacesOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  create_workspace_api_workspaces_post: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['WorkspaceIn']
      }
    }
    responses: {
      /** @description Successful Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WorkspaceOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  get_workspace_api_workspaces__workspace_id__get: {
    parameters: {
      query?: never
      header?: never
      path: {
        workspace_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WorkspaceOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  delete_workspace_api_workspaces__workspace_id__delete: {
    parameters: {
      query?: never
      header?: never
      path: {
        workspace_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  rename_workspace_api_workspaces__workspace_id__patch: {
    parameters: {
      query?: never
      header?: never
      path: {
        workspace_id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['WorkspacePatch']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WorkspaceOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  activity_api_workspaces__workspace_id__activity_get: {
    parameters: {
      query?: {
        /** @description e.g. 'post' (every post.*) or 'member.invited' */
        action?: string | null
        actor_id?: string | null
        limit?: number
        /** @description rows to skip */
        offset?: number
      }
      header?: never
      path: {
        workspace_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ActivityPage']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  list_invitations_api_workspaces__workspace_id__invitations_get: {
    parameters: {
      query?: never
      header?: never
      path: {
        workspace_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['InvitationsOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  invite_api_workspaces__workspace_id__invitations_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        workspace_id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['InvitationIn']
      }
    }
    responses: {
      /** @description Successful Response */
      201: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['InvitationOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  revoke_invitation_api_workspaces__workspace_id__invitations__invitation_id__delete: {
    parameters: {
      query?: never
      header?: never
      path: {
        invitation_id: string
        workspace_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  resend_invitation_api_workspaces__workspace_id__invitations__invitation_id__resend_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        invitation_id: string
        workspace_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['InvitationOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  list_members_api_workspaces__workspace_id__members_get: {
    parameters: {
      query?: never
      header?: never
      path: {
        workspace_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['MembersOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  remove_member_api_workspaces__workspace_id__members__user_id__delete: {
    parameters: {
      query?: never
      header?: never
      path: {
        user_id: string
        workspace_id: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  update_member_api_workspaces__workspace_id__members__user_id__patch: {
    parameters: {
      query?: never
      header?: never
      path: {
        user_id: string
        workspace_id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['MemberPatch']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['MemberOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  transfer_ownership_api_workspaces__workspace_id__transfer_post: {
    parameters: {
      query?: never
      header?: never
      path: {
        workspace_id: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['TransferIn']
      }
    }
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['WorkspaceOut']
        }
      }
      /** @description bad request */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description missing, expired or invalid access token */
      401: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not in the user's plan */
      402: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description not allowed */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description no such object for this user */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description conflicts with the object's current state */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description invalid input; `details` names each field */
      422: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
      /** @description too many requests; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ErrorResponse']
        }
      }
    }
  }
  healthz_healthz_get: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': {
            [key: string]: string
          }
        }
      }
    }
  }
  readyz_readyz_get: {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Successful Response */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': unknown
        }
      }
      /** @description not ready */
      503: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
}
